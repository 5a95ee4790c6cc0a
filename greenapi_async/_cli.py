"""The ``greenapi-async`` command (also ``python -m greenapi_async``)."""

from __future__ import annotations

import argparse
import contextlib
import errno
import getpass
import os
import shutil
import socket
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Final, TextIO, TypeAlias, TypeVar

import anyio
import httpx

from . import _json
from . import _models as m
from ._as_json import message_data
from ._client import ENV_API_TOKEN, ENV_API_URL, ENV_ID_INSTANCE, GreenAPI
from ._errors import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    DeliveryFailedError,
    DeliveryTimeoutError,
    GreenAPIError,
    InvalidArgumentError,
    MessageNotFoundError,
    MissingExtraError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ResponseValidationError,
    SendNotConfirmedError,
)
from ._filters import check_kind, check_status, kind_matcher
from ._journals import read_window
from ._methods import METHODS, Answer, Direction, MethodSpec
from ._send_requests import MAX_TEXT_CHARS
from ._sent import SentMessage
from ._text import escape_controls, escape_controls_in_json
from ._validation import (
    DEFAULT_API_URL,
    MAX_MINUTES,
    validate_api_token,
    validate_api_url,
    validate_chat_id,
    validate_confirm_within,
    validate_count,
    validate_id_instance,
    validate_id_message,
    validate_minutes,
    validate_text,
)
from ._version import __version__
from ._watch import IncomingWatcher, OutgoingWatcher, StatusChange

__all__ = ["main"]

EXIT_OK: Final = 0
EXIT_API_ERROR: Final = 1
EXIT_USAGE: Final = 2
EXIT_AUTH: Final = 3
EXIT_LIMIT: Final = 4
EXIT_NETWORK: Final = 5
EXIT_BAD_RESPONSE: Final = 6
EXIT_DELIVERY_FAILED: Final = 7
EXIT_DELIVERY_TIMEOUT: Final = 8
EXIT_NOT_CONFIRMED: Final = 9
EXIT_INTERRUPTED: Final = 130
EXIT_OUTPUT_CLOSED: Final = 141  # as a shell reports a command ended by SIGPIPE

_PREVIEW_WIDTH: Final = 48
_MIN_PREVIEW_WIDTH: Final = 12  # below it, a preview says too little: the row wraps instead
_GAP: Final = 2  # spaces between the table's columns
_MAX_PORT: Final = 65535
# Whether the sandbox's server (asyncio's) binds with SO_REUSEADDR: on POSIX only, where
# it reuses a port still waiting for its last connection to end (on Windows it would
# share a port that is in use).
_REUSES_ADDRESSES: Final = os.name == "posix" and sys.platform != "cygwin"
# "Every address" is no address a client can connect to; its loopback one is.
_LOOPBACK_OF_WILDCARD: Final = {"0.0.0.0": "127.0.0.1", "::": "::1"}  # noqa: S104
_EPILOG: Final = f"""\
examples:
  greenapi-async last-outgoing --sandbox          try it on the built-in fake service
  greenapi-async last-outgoing --minutes 60 --status read
  greenapi-async last-outgoing --json | jq '.[] | select(.status_message == "failed")'
  greenapi-async last-incoming --sandbox --chat 79007654321@c.us
  greenapi-async history 79001234567@c.us --count 20
  greenapi-async message 79001234567@c.us BAE5F4886AFB3C57 --json
  greenapi-async watch --sandbox                  delivery events as they happen
  greenapi-async send 79001234567@c.us "Hello" --wait delivered --sandbox
  greenapi-async sandbox --port 8080              serve the fake for other programs

credentials: {ENV_ID_INSTANCE}, {ENV_API_TOKEN} and {ENV_API_URL} (optional, default
{DEFAULT_API_URL}) from the environment. The token is never a command-line option (it would
land in shell history and the process list); without it, an interactive terminal is asked.

exit codes: 0 ok, 1 other API error, 2 usage, 3 authentication, 4 rate limit or quota,
5 network or timeout, 6 malformed response (or one nested too deeply to print as JSON),
7 delivery failed (send --wait), 8 not delivered in time (send --wait), 9 send not
confirmed (it may still arrive: do not send it again blindly), 130 interrupted, 141
output closed early.

control characters (ESC, newline, bidi overrides, ...) in what the service sends are
shown as escapes such as \\x1b, \\n and \\u202e; --json and --raw keep the exact text.
"""


_T = TypeVar("_T")


class _UsageError(Exception):
    """A problem with how the command was called; exits with EXIT_USAGE."""


class _UnprintableError(Exception):
    """An answer that decoded but cannot be written as JSON; exits with EXIT_BAD_RESPONSE."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="greenapi-async",
        description="Query Green API's WhatsApp gateway from the command line.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add_command in _COMMAND_PARSERS:
        add_command(commands)
    return parser


# The subcommands of the parser, to which each function below adds its own (quoted: the
# class is generic only to type checkers).
_Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


# A listing for each journal of one direction in the method table, named by its
# direction: what its help says of the account's messages and of their fourth column.
_LISTED_AS: Final[Mapping[Direction, tuple[str, str]]] = {
    "outgoing": ("sent", "with their delivery status"),
    "incoming": ("received", "with who sent them"),
}
_LISTINGS: Final[Mapping[str, tuple[MethodSpec, Direction]]] = {
    f"last-{spec.direction}": (spec, spec.direction)
    for spec in METHODS.values()
    if spec.answer is Answer.MESSAGES and spec.windowed and spec.direction is not None
}


def _add_listings(commands: _Commands) -> None:
    for name, (_, direction) in _LISTINGS.items():
        verb, with_what = _LISTED_AS[direction]
        listing = _add_command(
            commands,
            name,
            help=f"messages the account {verb} recently, {with_what}",
            description=f"List the messages the account {verb} in the last N minutes, "
            "newest first.",
        )
        _add_listing_options(listing)
        if direction == "outgoing":
            listing.add_argument("--status", help="only this status, e.g. read, delivered, failed")
        else:
            # Taken only to say why it does not apply, rather than argparse's bare refusal.
            listing.add_argument("--status", help=argparse.SUPPRESS)


def _add_history(commands: _Commands) -> None:
    history = _add_command(
        commands,
        "history",
        help="the latest messages of one chat, both directions",
        description="List the latest messages of one chat, sent and received, newest first.",
    )
    history.add_argument("chat_id", metavar="CHAT_ID", help="e.g. 79001234567@c.us")
    history.add_argument(
        "--count", type=int, metavar="N", help="how many of the newest (default 100)"
    )
    _add_output_options(history)


def _add_message(commands: _Commands) -> None:
    message = _add_command(
        commands,
        "message",
        help="one message of a chat, by its id",
        description="Show one message, sent or received, with its whole text.",
    )
    message.add_argument("chat_id", metavar="CHAT_ID", help="e.g. 79001234567@c.us")
    message.add_argument("id_message", metavar="ID_MESSAGE", help="e.g. BAE5F4886AFB3C57")
    _add_output_options(message, json_help="print one JSON object (snake_case)")


def _add_watch(commands: _Commands) -> None:
    watch = _add_command(
        commands,
        "watch",
        help="print delivery events (new messages, status changes), or with --incoming "
        "the messages received, as they happen",
        description="Watch the outgoing journal and print one line per new message or "
        "status change, or with --incoming the incoming journal and one line per new "
        "message received, until interrupted.",
    )
    watch.add_argument(
        "--incoming", action="store_true", help="watch the messages the account receives"
    )
    watch.add_argument(
        "--interval", type=float, default=5.0, help="seconds between polls (default %(default)g)"
    )
    watch.add_argument("--json", action="store_true", help="print one JSON object per line")
    watch.add_argument("--count", type=int, metavar="N", help="stop after N events")
    watch.add_argument(
        "--backfill", action="store_true", help="print the messages already in the journal too"
    )
    _add_filter_options(watch)
    watch.add_argument("--status", help="only on reaching this status (not with --incoming)")
    _add_connection_options(
        watch, "watch the built-in fake, whose messages move along on their own"
    )


def _add_send(commands: _Commands) -> None:
    send = _add_command(
        commands,
        "send",
        help="send a text message, exactly once, and optionally wait for its delivery",
        description="Send a text message and print its id; with --wait, wait until it is "
        "delivered or read and print that status too. A send whose answer is lost is looked "
        "for in the send queue and the journal before it is ever sent again.",
    )
    send.add_argument("chat_id", metavar="CHAT_ID", help="e.g. 79001234567@c.us")
    send.add_argument("text", metavar="TEXT", help="the message, 1 to 20,000 characters")
    send.add_argument("--reply-to", metavar="ID_MESSAGE", help="quote this message of the chat")
    send.add_argument(
        "--wait",
        choices=("sent", "delivered", "read"),
        help="wait until the message reaches this status (or a later one)",
    )
    send.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        metavar="S",
        help="seconds --wait waits at most (default %(default)g)",
    )
    send.add_argument(
        "--confirm-within",
        type=float,
        metavar="S",
        help="seconds to look for a send whose answer was lost before sending it again "
        "(default 150; 0: never send it again, exit 9 at once)",
    )
    send.add_argument("--json", action="store_true", help="print one JSON object (snake_case)")
    _add_connection_options(
        send, "send to the built-in fake service, whose messages are delivered and read"
    )


def _add_sandbox(commands: _Commands) -> None:
    # Not through _add_command: the sandbox asks no instance, and its help has no epilog.
    sandbox = commands.add_parser(
        "sandbox",
        help="serve the fake Green API over HTTP for manual and cross-language testing",
        description="Serve the built-in fake Green API on loopback until interrupted.",
    )
    sandbox.add_argument("--host", default="127.0.0.1", help="address (default 127.0.0.1)")
    sandbox.add_argument("--port", type=int, default=0, help="port (default: any free one)")
    sandbox.add_argument("--seed", type=int, default=0, help="data seed (default 0)")
    sandbox.add_argument("--count", type=int, default=40, help="messages to seed (default 40)")
    sandbox.add_argument(
        "--lively",
        action="store_true",
        help="move the messages along (pending, sent, delivered, read) and send new ones as "
        "time passes, as watch --sandbox does",
    )


# Each command's part of the parser, in the order --help lists them; its runner is in
# _COMMANDS. A new command is one function here and one there.
_COMMAND_PARSERS: Final[tuple[Callable[[_Commands], None], ...]] = (
    _add_listings,
    _add_history,
    _add_message,
    _add_watch,
    _add_send,
    _add_sandbox,
)


def _add_command(
    commands: _Commands,
    name: str,
    *,
    help: str,
    description: str,
) -> argparse.ArgumentParser:
    """A subcommand whose --help ends with the examples, credentials and exit codes."""
    return commands.add_parser(
        name,
        help=help,
        description=description,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _add_listing_options(parser: argparse.ArgumentParser) -> None:
    """What the two journal listings share: the window, filters and output forms."""
    parser.add_argument("--minutes", type=int, metavar="N", help="the window (default 1440)")
    _add_filter_options(parser)
    _add_output_options(parser)


def _add_output_options(
    parser: argparse.ArgumentParser, json_help: str = "print one JSON array (snake_case)"
) -> None:
    """How a command that reads messages prints them, and where it asks."""
    parser.add_argument("--json", action="store_true", help=json_help)
    parser.add_argument(
        "--raw", action="store_true", help="print the entries as the service sent them (JSON)"
    )
    _add_connection_options(
        parser, "ask the built-in fake service over HTTP on 127.0.0.1; needs no account"
    )


def _add_filter_options(parser: argparse.ArgumentParser) -> None:
    """The filters of the listings and of ``watch``, read by ``_wanted``."""
    parser.add_argument("--chat", metavar="CHAT_ID", help="only this chat, e.g. 79001234567@c.us")
    parser.add_argument("--kind", help="only this kind, e.g. text, image, textMessage")


def _add_connection_options(parser: argparse.ArgumentParser, sandbox_help: str) -> None:
    """Where a command's requests go: the sandbox, or an instance (never its token)."""
    parser.add_argument("--sandbox", action="store_true", help=sandbox_help)
    parser.add_argument("--seed", type=int, default=0, help="the sandbox's data seed (default 0)")
    parser.add_argument("--id-instance", help=f"overrides {ENV_ID_INSTANCE}")
    parser.add_argument("--api-url", help=f"overrides {ENV_API_URL}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`... | head`): nothing more to say, and nowhere to say it.
        # Point stdout at devnull so that flushing at exit does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OUTPUT_CLOSED
    except (_UsageError, InvalidArgumentError, MissingExtraError) as error:
        return _fail(EXIT_USAGE, str(error))
    except _UnprintableError as error:
        return _fail(EXIT_BAD_RESPONSE, str(error))
    except GreenAPIError as error:
        code, hint = _explain(error)
        return _fail(code, f"{error}{hint}")


def _fail(code: int, message: str) -> int:
    # One line whatever the message quotes (a GreenAPIError's is escaped already, and
    # escaping it again changes nothing).
    print(f"greenapi-async: error: {escape_controls(message)}", file=sys.stderr)
    return code


def _explain(error: GreenAPIError) -> tuple[int, str]:
    """The exit code for an error, and what the user can do about it."""
    if isinstance(error, DeliveryFailedError):
        return EXIT_DELIVERY_FAILED, _DELIVERY_FAILURES.get(error.status, "")
    if isinstance(error, DeliveryTimeoutError):
        return EXIT_DELIVERY_TIMEOUT, " -- it may still arrive; watch it with: greenapi-async watch"
    if isinstance(error, SendNotConfirmedError):
        return EXIT_NOT_CONFIRMED, (
            " -- look for it with: greenapi-async last-outgoing --chat "
            f"{error.chat_id} before sending it again"
        )
    if isinstance(error, AuthenticationError):
        return EXIT_AUTH, f" -- check {ENV_API_TOKEN} against the instance's page in the console"
    if isinstance(error, PermissionDeniedError):
        return EXIT_AUTH, f" -- check {ENV_ID_INSTANCE} and {ENV_API_URL}"
    if isinstance(error, QuotaExceededError):
        return EXIT_LIMIT, " -- the tariff's quota is spent; upgrade it or wait for the next period"
    if isinstance(error, RateLimitError):
        return EXIT_LIMIT, " -- wait a little and try again"
    if isinstance(error, APIConnectionError):
        return EXIT_NETWORK, " -- check the network and the API URL"
    if isinstance(error, ResponseValidationError):
        return EXIT_BAD_RESPONSE, " -- the service sent an unexpected answer; please report it"
    if isinstance(error, MessageNotFoundError):
        return EXIT_API_ERROR, " -- check the message id and that it is in that chat"
    if isinstance(error, APIStatusError) and error.status_code == 400:
        return EXIT_API_ERROR, " -- the instance may be starting, unauthorized or expired"
    return EXIT_API_ERROR, ""


_DELIVERY_FAILURES: Final[Mapping[str, str]] = {
    "noAccount": " -- the number has no WhatsApp account",
    "notInGroup": " -- the account is not a member of that group",
    "yellowCard": " -- WhatsApp has restricted the account's sending for a while",
}


def _refuse_status_of_received(args: argparse.Namespace, where: str) -> None:
    if args.status:
        raise _UsageError(f"--status does not go with {where}: received messages have none")


def _list_journal(args: argparse.Namespace) -> int:
    try:
        validate_minutes(args.minutes)
    except InvalidArgumentError:
        raise _UsageError(f"--minutes must be from 1 to {MAX_MINUTES} (a year)") from None
    if args.chat:
        validate_chat_id(args.chat, name="--chat")  # before any I/O
    spec, direction = _LISTINGS[args.command]
    incoming = direction == "incoming"
    if incoming:
        _refuse_status_of_received(args, args.command)
    messages = _ask(args, lambda api: read_window(api.journals, spec, args.minutes))
    _check_filters(args, messages)
    shown = [message for message in messages if _wanted(message, args)]
    filters = _filters_given(args)
    if args.json or args.raw:
        _print_json(_json_data(shown, raw=args.raw), indent=True)
        if filters and messages and not shown:
            # Said apart from the JSON, which stays an array a program can read.
            print(_none_matched(len(messages), filters, incoming=incoming), file=sys.stderr)
    else:
        _print_table(shown, sys.stdout, incoming=incoming, of=len(messages), filters=filters)
    return EXIT_OK


@contextlib.contextmanager
def _credentials(args: argparse.Namespace) -> Iterator[tuple[str, str, str]]:
    if args.sandbox:
        # The same code path as a real call: a real HTTP server on loopback, real sockets.
        from .testing import FakeGreenAPI, serve

        fake = FakeGreenAPI.sandbox(seed=args.seed, lively=args.command == "watch")
        with serve(fake) as base_url:
            yield fake.instance.id_instance, fake.instance.api_token, base_url
        return
    id_instance = _given(args.id_instance, "--id-instance", ENV_ID_INSTANCE)
    if id_instance is None:
        raise _UsageError(
            f"set {ENV_ID_INSTANCE} (or pass --id-instance), or try --sandbox to use the "
            "built-in fake service"
        )
    token = os.environ.get(ENV_API_TOKEN) or _ask_token()
    api_url = _given(args.api_url, "--api-url", ENV_API_URL) or (DEFAULT_API_URL, "api_url")
    # Checked here rather than by GreenAPI, so that a refused value is named by the
    # option or variable the user set.
    yield (
        validate_id_instance(id_instance[0], name=id_instance[1]),
        validate_api_token(token, name=ENV_API_TOKEN),
        validate_api_url(api_url[0], name=api_url[1]),
    )


def _given(option: str | None, flag: str, variable: str) -> tuple[str, str] | None:
    """A credential from its option, else from its variable; with the name it came by."""
    if option:
        return option, flag
    value = os.environ.get(variable)
    return (value, variable) if value else None


def _ask_token() -> str:
    if not sys.stdin.isatty():
        raise _UsageError(f"set {ENV_API_TOKEN}; it is never taken as a command-line option")
    try:
        return getpass.getpass("apiTokenInstance (not echoed): ").strip()
    except EOFError:  # Ctrl-D at the prompt
        # getpass has not ended the prompt's line: on a terminal, the message would
        # follow it.
        if sys.stderr.isatty():
            print(file=sys.stderr)
        raise _UsageError(
            f"no token given: type it at the prompt, or set {ENV_API_TOKEN}"
        ) from None


def _ask(args: argparse.Namespace, fetch: Callable[[GreenAPI], Awaitable[_T]]) -> _T:
    """Make one call with the command's credentials (or the sandbox) and return its answer."""

    async def call(id_instance: str, token: str, api_url: str) -> _T:
        async with GreenAPI(id_instance, token, api_url=api_url) as api:
            return await fetch(api)

    with _credentials(args) as (id_instance, token, api_url):
        return anyio.run(call, id_instance, token, api_url)


def _show_history(args: argparse.Namespace) -> int:
    # Checked before the credentials: a typo must not cost a token prompt.
    chat_id = validate_chat_id(args.chat_id, name="CHAT_ID")
    try:
        count = validate_count(args.count)
    except InvalidArgumentError:
        raise _UsageError("--count must be 1 or more") from None
    messages = _ask(args, lambda api: api.journals.chat_history(chat_id, count))
    if args.json or args.raw:
        _print_json(_json_data(messages, raw=args.raw), indent=True)
    else:
        _print_table(messages, sys.stdout, incoming=True, nothing="No messages in this chat.")
    return EXIT_OK


def _show_message(args: argparse.Namespace) -> int:
    chat_id = validate_chat_id(args.chat_id, name="CHAT_ID")
    id_message = validate_id_message(args.id_message, name="ID_MESSAGE")
    message = _ask(args, lambda api: api.journals.get_message(chat_id, id_message))
    if args.json or args.raw:
        _print_json(_json_data([message], raw=args.raw)[0], indent=True)
    else:
        _print_message(message, sys.stdout)
    return EXIT_OK


def _send_text(args: argparse.Namespace) -> int:
    # Checked before the credentials: a typo must not cost a token prompt.
    chat_id = validate_chat_id(args.chat_id, name="CHAT_ID")
    text = validate_text(args.text, name="TEXT", max_chars=MAX_TEXT_CHARS)
    reply_to = (
        None if args.reply_to is None else validate_id_message(args.reply_to, name="--reply-to")
    )
    if args.wait is not None and not (0 < args.timeout < float("inf")):
        raise _UsageError("--timeout must be a positive number of seconds")
    if args.confirm_within is not None:
        validate_confirm_within(args.confirm_within, name="--confirm-within")

    async def send(api: GreenAPI) -> tuple[SentMessage, m.Message | None]:
        sent = await api.sending.send_text(
            chat_id, text, quoted_message_id=reply_to, confirm_within=args.confirm_within
        )
        if not args.json:
            # At once: a wait that ends in an error has still told the id.
            print(sent.id_message, flush=True)
        if args.wait is None:
            return sent, None
        return sent, await api.sending.wait_for_status(sent, args.wait, timeout=args.timeout)

    sent, entry = _ask(args, send)
    if args.json:
        data: dict[str, object] = {
            "id_message": sent.id_message,
            "chat_id": sent.chat_id,
            "method": sent.method,
            "attempted_at": sent.attempted_at,
            "confirmed_by": sent.confirmed_by,
            "attempts": sent.attempts,
        }
        if entry is not None:
            data["status"] = str(entry.status_message)
            data["message"] = message_data(entry)
        _print_json(data, indent=True)
    elif entry is not None:
        print(entry.status_message)
    return EXIT_OK


def _watch(args: argparse.Namespace) -> int:
    if args.incoming:
        _refuse_status_of_received(args, "--incoming")
    if args.interval < 1:
        raise _UsageError("--interval must be 1 second or more")
    if args.count is not None and args.count < 1:
        raise _UsageError("--count must be 1 or more")
    # The watcher checks its filters too; here they are checked before the credentials,
    # so that a typo costs no token prompt.
    if args.chat:
        validate_chat_id(args.chat, name="--chat")
    if args.kind:
        check_kind(args.kind)
    if args.status:
        check_status(args.status)
    with _credentials(args) as (id_instance, token, api_url):
        anyio.run(_print_events, id_instance, token, api_url, args)
    return EXIT_OK


async def _print_events(
    id_instance: str, token: str, api_url: str, args: argparse.Namespace
) -> None:
    printed = 0
    async with (
        GreenAPI(id_instance, token, api_url=api_url) as api,
        _watcher(api, args) as watcher,
    ):
        if not args.json:
            print(f"Watching instance {id_instance}; Ctrl-C to stop.", file=sys.stderr)
        async for event in watcher:
            _print_event(event, args)
            printed += 1
            if args.count is not None and printed >= args.count:
                return


def _watcher(api: GreenAPI, args: argparse.Namespace) -> OutgoingWatcher | IncomingWatcher:
    # The filters are the watcher's own: what it does not report, it remembers as seen.
    chats = [args.chat] if args.chat else None
    kinds = [args.kind] if args.kind else None
    if args.incoming:
        return api.journals.watch_incoming(
            args.interval, backfill=args.backfill, chats=chats, kinds=kinds
        )
    statuses = [args.status] if args.status else None
    return api.journals.watch_outgoing(
        args.interval, backfill=args.backfill, chats=chats, kinds=kinds, statuses=statuses
    )


def _print_event(event: StatusChange | m.Message, args: argparse.Namespace) -> None:
    """One line: a delivery event, or an incoming message (its sender before its kind)."""
    if not isinstance(event, StatusChange):
        if args.json:
            _print_json(message_data(event))
        else:
            when, chat, kind, sender, preview = _row(event, incoming=True)
            print(f"{when}  {chat}  {sender}  {kind}  {preview}", flush=True)
    elif args.json:
        line = {
            "previous_status": None if event.previous_status is None
            else str(event.previous_status),
            "message": message_data(event.message),
        }  # fmt: skip
        _print_json(line)
    else:
        when, chat, kind, status, preview = _row(event.message)
        was = "new" if event.is_new else f"was {event.previous_status}"
        print(f"{when}  {chat}  {kind}  {status} ({was})  {preview}", flush=True)


def _check_filters(args: argparse.Namespace, messages: list[m.Message]) -> None:
    """Refuse a --status or --kind that no message can have, rather than show nothing."""
    status = getattr(args, "status", None)  # the incoming journal has none
    if status:
        check_status(status, {str(message.status_message or "") for message in messages})
    if args.kind:
        check_kind(args.kind, {message.type_message for message in messages})


def _filters_given(args: argparse.Namespace) -> str:
    """The filters as given on the command line, for saying what matched nothing."""
    given = (
        ("--chat", args.chat),
        ("--status", getattr(args, "status", None)),
        ("--kind", args.kind),
    )
    return " ".join(f"{option} {value}" for option, value in given if value)


def _none_matched(total: int, filters: str, *, incoming: bool) -> str:
    direction = "incoming" if incoming else "outgoing"
    return f"0 of {total} {direction} messages in this window matched {filters}."


def _wanted(message: m.Message, args: argparse.Namespace) -> bool:
    if args.chat and message.chat_id != args.chat:
        return False
    status = getattr(args, "status", None)  # the incoming journal has none
    if status and str(message.status_message).lower() != status.lower():
        return False
    return not args.kind or kind_matcher([args.kind])(message.type_message)


def _json_data(messages: list[m.Message], *, raw: bool = False) -> list[object]:
    """Messages as JSON data: their typed fields, or (``raw``) the entries as they came."""
    return [dict(message.raw) if raw else message_data(message) for message in messages]


def _print_json(data: object, *, indent: bool = False) -> None:
    """Print ``data`` as one JSON document: exact, with no control character left raw."""
    try:
        encoded = _json.dumps(data, indent=indent)
    except RecursionError:
        # Only an answer can nest this deep (the command's own stack is shallow); the
        # parser stops a little deeper in the stack, so this is rare, but never a traceback.
        raise _UnprintableError("the answer is nested too deeply to print as JSON") from None
    print(escape_controls_in_json(encoded.decode()), flush=True)


def _preview(message: m.Message, width: int = _PREVIEW_WIDTH) -> str:
    match message:
        case m.LocationMessage(location=place) if place is not None:
            preview = place.name_location or place.address or f"{place.latitude}, {place.longitude}"
        case m.ContactMessage(contact=contact) if contact is not None:
            preview = f"contact: {contact.display_name or ''}"
        case m.ContactsArrayMessage(contacts=contacts):
            preview = "contacts: " + ", ".join(c.display_name or "?" for c in contacts)
        case m.PollMessage(poll=poll) if poll is not None:
            options = " / ".join(option.option_name for option in poll.options)
            preview = f"poll: {poll.name or ''} ({options})"
        case m.ReactionMessage(quoted_message=quoted):
            target = quoted.stanza_id if quoted is not None else None
            preview = f"reaction {message.text or '(taken back)'} to {target or '?'}"
        case m.DeletedMessage(deleted_message_data=data):
            preview = f"deleted {data.stanza_id if data is not None else '?'}"
        case m.EditedMessage():
            preview = f"edited: {message.text or ''}"
        case (
            m.ImageMessage()
            | m.VideoMessage()
            | m.DocumentMessage()
            | m.AudioMessage()
            | m.StickerMessage()
        ):
            preview = message.caption or message.file_name or message.download_url or ""
        case m.UnknownMessage(type_message=kind) if not message.text:
            preview = f"(a {kind} message)" if kind else "(no message kind given)"
        case _:
            preview = message.text or ""
    # On one line, white space of any kind a space; then what is left that a terminal
    # would obey made visible, before it is cut to the column's width.
    flat = escape_controls(" ".join(preview.split()))
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _row(
    message: m.Message, *, incoming: bool = False, width: int = _PREVIEW_WIDTH
) -> tuple[str, str, str, str, str]:
    moment = message.timestamp_utc
    when = "-" if moment is None else _local_time(moment)
    kind = message.type_message.removesuffix("Message") or "-"
    # Who sent each message (a listing of both directions, or of incoming ones); else
    # what became of an outgoing one.
    fourth = _sender(message) if incoming else message.status_message
    # The service's words, as the preview's are: made visible.
    chat, kind, shown = map(escape_controls, (message.chat_id or "-", kind, str(fourth or "-")))
    return when, chat, kind, shown, _preview(message, width)


def _sender(message: m.Message) -> str | None:
    if message.type == "outgoing":
        return "me"
    return message.sender_name or message.sender_id


def _local_time(moment: datetime) -> str:
    try:
        return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except (OverflowError, ValueError, OSError):
        # Beyond the years datetime can show in this time zone (a timestamp at the
        # decoder's bounds, year 1 or 9999): shown in UTC, which always fits.
        return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _print_table(
    messages: list[m.Message],
    out: TextIO,
    *,
    incoming: bool = False,
    of: int | None = None,
    filters: str = "",
    nothing: str | None = None,
) -> None:
    """The table of ``messages``: ``of`` that many in the window, kept by ``filters``."""
    total = len(messages) if of is None else of
    if not total:
        direction = "incoming" if incoming else "outgoing"
        print(nothing or f"No {direction} messages in this window.", file=out)
        return
    if not messages:
        print(_none_matched(total, filters, incoming=incoming), file=out)
        return
    header = ("TIME", "CHAT", "KIND", "FROM" if incoming else "STATUS", "PREVIEW")
    rows = [header, *(_row(message, incoming=incoming) for message in messages)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header) - 1)]
    # Cut to the terminal's width, so that no row wraps; off a terminal (a pipe, a file),
    # get_terminal_size() gives the fallback 0 and the preview keeps its own width.
    columns = shutil.get_terminal_size((0, 0)).columns
    room = columns - sum(widths) - _GAP * len(widths)
    if columns and room < _PREVIEW_WIDTH:
        width = max(room, _MIN_PREVIEW_WIDTH)
        rows = [header, *(_row(m, incoming=incoming, width=width) for m in messages)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print((" " * _GAP).join([*cells, row[-1]]).rstrip(), file=out)
    shown = f"{len(messages)} of {total} message(s) matched" if filters else f"{total} message(s)"
    print(f"\n{shown}.", file=out)


def _print_message(message: m.Message, out: TextIO) -> None:
    """One message in full: who, when, what, and what became of it."""
    moment = message.timestamp_utc
    lines = [
        ("id", message.id_message or "-"),
        ("chat", message.chat_id or "-"),
        ("time", "-" if moment is None else _local_time(moment)),
        ("kind", message.type_message or "-"),
    ]
    if message.type == "outgoing":
        via = " through the API" if message.send_by_api else ""
        lines.append(("direction", f"outgoing, sent{via}"))
        # History and getMessage answers leave the status empty; the journal has it.
        status = message.status_message or "- (see last-outgoing for the status)"
        lines.append(("status", str(status)))
    else:
        sender = message.sender_name or "-"
        lines.append(("direction", f"{message.type or '-'}, from {sender} ({message.sender_id})"))
    if not isinstance(message, m.UnknownMessage):  # an unknown kind's flags stay in raw
        if message.is_edited:
            lines.append(("edited", f"yes, by {message.edited_message_id or '?'}"))
        if message.is_deleted:
            lines.append(("deleted", f"yes, by {message.deleted_message_id or '?'}"))
    if message.forwarded:
        lines.append(("forwarded", "yes"))
    text = message.text
    if text is not None:
        lines.append(("text", text))
    else:  # a file without a caption, a location, a contact...: what it is, in short
        lines.append(("content", _preview(message)))
    for label, value in lines:
        print(f"{label + ':':<11}{escape_controls(value)}", file=out)


def _serve_sandbox(args: argparse.Namespace) -> int:
    from .testing import FakeGreenAPI, serve

    _check_port(args.host, args.port)
    fake = FakeGreenAPI.sandbox(seed=args.seed, count=args.count, lively=args.lively)
    with contextlib.ExitStack() as stack:
        try:
            served_url = stack.enter_context(serve(fake, host=args.host, port=args.port))
        except RuntimeError as error:  # the server could not start after all
            raise _UsageError(str(error)) from None
        base_url = _reachable_url(served_url)
        instance = fake.instance
        print(
            f"Fake Green API at {served_url} (Ctrl-C to stop). Use:\n"
            f"  export {ENV_API_URL}={base_url}\n"
            f"  export {ENV_ID_INSTANCE}={instance.id_instance}\n"
            f"  export {ENV_API_TOKEN}={instance.api_token}\n"
            f"Journal: {base_url}/waInstance{instance.id_instance}/lastOutgoingMessages/"
            f"{instance.api_token}",
            flush=True,
        )
        if base_url != served_url:
            print(
                f"Listening on every address: from another machine, use this machine's "
                f"address instead of {httpx.URL(base_url).host}.",
                flush=True,
            )
        try:
            validate_api_url(base_url)
        except InvalidArgumentError:
            print(
                "greenapi-async accepts plain http:// only to a loopback host (127.0.0.1, "
                "localhost, ::1): serve on one for it; other HTTP clients can use this URL.",
                flush=True,
            )
        while True:
            time.sleep(3600)


def _check_port(host: str, port: int) -> None:
    """Refuse a port out of range, or one the sandbox could not listen on, in one line.

    The server, in its thread, would only log its failure and stop. A port taken between
    this check and the server's start is still refused, less plainly.
    """
    if not 0 <= port <= _MAX_PORT:
        raise _UsageError(f"--port must be from 0 to {_MAX_PORT} (0: any free one)")
    if port == 0:
        return  # any free one
    try:
        # As the server binds: each address the host stands for, reusing a port that
        # only waits for its last connection to end.
        for family, kind, proto, _, address in socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        ):
            with socket.socket(family, kind, proto) as probe:
                if _REUSES_ADDRESSES:
                    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise _UsageError(
                f"port {port} is in use: choose another --port, or leave it out"
            ) from None
        reason = error.strerror or str(error)
        raise _UsageError(f"cannot listen on {host} port {port}: {reason}") from None


def _reachable_url(served_url: str) -> str:
    """The URL to give clients: a server listening on every address is reached on loopback."""
    url = httpx.URL(served_url)
    loopback = _LOOPBACK_OF_WILDCARD.get(url.host)
    return served_url if loopback is None else str(url.copy_with(host=loopback)).rstrip("/")


# What each command runs: the parser offers exactly these (see _parser).
_COMMANDS: Final[Mapping[str, Callable[[argparse.Namespace], int]]] = {
    **dict.fromkeys(_LISTINGS, _list_journal),
    "history": _show_history,
    "message": _show_message,
    "watch": _watch,
    "send": _send_text,
    "sandbox": _serve_sandbox,
}
