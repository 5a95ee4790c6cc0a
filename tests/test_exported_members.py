"""The public surface is exactly what __all__ says, sorted, and everything else is private."""

from __future__ import annotations

import concurrent.futures
import subprocess
import sys
import threading
from types import ModuleType

import pytest

import greenapi_async as ga
import greenapi_async.testing as ga_testing

from .conftest import ID_INSTANCE, TOKEN


def test_all_is_sorted_and_names_exactly_the_public_members() -> None:
    # Subpackages (greenapi_async.testing) are public by their import path instead.
    # dir(), not vars(): some names are imported at their first use.
    public = {
        name
        for name in dir(ga)
        if not name.startswith("_") and not isinstance(getattr(ga, name), ModuleType)
    } | {"__version__"}
    assert sorted(ga.__all__) == ga.__all__
    assert set(ga.__all__) == public


def test_the_public_names_are_pinned() -> None:
    assert ga.__all__ == [
        "APIConnectionError",
        "APIStatusError",
        "APITimeoutError",
        "AudioMessage",
        "AuthenticationError",
        "BadRequestError",
        "Contact",
        "ContactMessage",
        "ContactsArrayMessage",
        "DeletedMessage",
        "DeletedMessageData",
        "DeliveryFailedError",
        "DeliveryTimeoutError",
        "DocumentMessage",
        "DownloadTooLargeError",
        "EditedMessage",
        "EditedMessageData",
        "ExtendedText",
        "ExtendedTextMessage",
        "GreenAPI",
        "GreenAPIError",
        "GroupInvite",
        "GroupInviteMessage",
        "ImageMessage",
        "IncomingWatcher",
        "InvalidArgumentError",
        "Journals",
        "Location",
        "LocationMessage",
        "MalformedEntry",
        "Message",
        "MessageNotFoundError",
        "MessageStatus",
        "OutgoingMessage",
        "OutgoingWatcher",
        "PartialMessages",
        "PermissionDeniedError",
        "PollData",
        "PollMessage",
        "PollOption",
        "PollUpdate",
        "PollUpdateMessage",
        "PollVote",
        "QueuedMessage",
        "QuotaExceededError",
        "QuotedMessage",
        "RateLimitError",
        "ReactionMessage",
        "ReplyMessage",
        "ResponseTooLargeError",
        "ResponseValidationError",
        "SendNotConfirmedError",
        "Sending",
        "SentMessage",
        "ServerError",
        "StatusChange",
        "StickerMessage",
        "TextMessage",
        "UnknownMessage",
        "VideoMessage",
        "__version__",
        "decode_outgoing_messages",
        "message_data",
    ]


def test_a_name_the_package_does_not_have_is_an_attribute_error() -> None:
    # For mypy too (warn_unused_ignores): the package's __getattr__ is hidden from it.
    with pytest.raises(AttributeError, match="'greenapi_async' has no attribute 'Sender'"):
        ga.Sender  # type: ignore[attr-defined]  # noqa: B018


_PROBE = """
import json
import sys
import greenapi_async as ga

def loaded(names):
    return sorted(name for name in names if name in sys.modules)

print(set(ga.__all__) <= set(dir(ga)))  # before any name is looked up
api = ga.GreenAPI({id!r}, {token!r})
entry = {{"typeMessage": "textMessage", "idMessage": "M", "timestamp": 1, "chatId": "1@c.us"}}
ga.decode_outgoing_messages(json.dumps([entry]))
api.journals
print(loaded({modules!r}))
api.sending
print(loaded({modules!r}))
"""


def test_sending_and_watching_are_loaded_at_their_first_use() -> None:
    # A program that only reads journals never pays for importing them.
    sending = {ga.Sending.__module__, ga.SentMessage.__module__}
    watching = {ga.OutgoingWatcher.__module__, ga.StatusChange.__module__}
    modules = sorted(sending | watching)
    probe = _PROBE.format(id=ID_INSTANCE, token=TOKEN, modules=modules)
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    listed, before, after = completed.stdout.splitlines()
    assert listed == "True"
    assert before == "[]"
    assert after == str(modules)  # sending watches deliveries


def test_two_threads_asking_first_for_a_clients_sending_get_the_same_object() -> None:
    clients = [ga.GreenAPI(ID_INSTANCE, TOKEN) for _ in range(20)]
    start = threading.Barrier(2)

    def ask() -> list[ga.Sending]:
        start.wait()
        return [api.sending for api in clients]

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        first, second = pool.map(lambda _: ask(), range(2))
    assert all(one is other for one, other in zip(first, second, strict=True))


def test_names_loaded_at_first_use_are_the_objects_their_users_get() -> None:
    api = ga.GreenAPI(ID_INSTANCE, TOKEN)
    assert type(api.sending) is ga.Sending
    assert api.sending is api.sending  # one per client: it keeps the sends in flight
    assert type(api.journals.watch_outgoing()) is ga.OutgoingWatcher
    assert type(api.journals.watch_incoming()) is ga.IncomingWatcher
    public = {name: getattr(ga, name) for name in ga.__all__}
    assert public == {name: vars(ga)[name] for name in ga.__all__}  # once looked up, kept


def test_the_error_tree_is_as_documented() -> None:
    for cls in (
        ga.BadRequestError,
        ga.AuthenticationError,
        ga.PermissionDeniedError,
        ga.RateLimitError,
        ga.QuotaExceededError,
        ga.ServerError,
    ):
        assert cls.__bases__ == (ga.APIStatusError,)
    assert ga.APIStatusError.__bases__ == (ga.GreenAPIError,)
    assert ga.APITimeoutError.__bases__ == (ga.APIConnectionError,)
    assert ga.APIConnectionError.__bases__ == (ga.GreenAPIError,)
    assert ga.ResponseValidationError.__bases__ == (ga.GreenAPIError,)
    assert ga.DownloadTooLargeError.__bases__ == (ga.GreenAPIError,)


def test_the_package_ships_py_typed() -> None:
    from importlib.resources import files

    assert files("greenapi_async").joinpath("py.typed").is_file()


def test_the_testing_kit_exports_are_sorted_and_complete() -> None:
    # The module is a pytest plugin, so pytest's assertion rewriting adds "@py_..." names.
    public = {name for name in vars(ga_testing) if name.isidentifier() and name[0] != "_"}

    def isort_style(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    # The kit's own names, then the message factories (listed once, by their module).
    own = [name for name in ga_testing.__all__ if not name.endswith("_message")]
    factories = ga_testing.__all__[len(own) :]
    assert ga_testing.__all__ == own + factories
    assert factories == sorted(factories)
    assert sorted(own, key=isort_style) == own
    assert len(set(ga_testing.__all__)) == len(ga_testing.__all__)
    assert set(ga_testing.__all__) == public


def test_the_version_is_the_installed_distributions() -> None:
    import importlib.metadata

    assert ga.__version__ == importlib.metadata.version("greenapi-async")
