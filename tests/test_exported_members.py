"""The public surface is exactly what __all__ says, sorted, and everything else is private."""

from __future__ import annotations

from types import ModuleType

import greenapi_async as ga
import greenapi_async.testing as ga_testing


def test_all_is_sorted_and_names_exactly_the_public_members() -> None:
    # Subpackages (greenapi_async.testing) are public by their import path instead.
    public = {
        name
        for name, value in vars(ga).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
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
