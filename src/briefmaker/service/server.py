"""``briefmaker serve`` and ``briefmaker users``: what the CLI subcommands do (they may print)."""
from __future__ import annotations

import ipaddress
import logging
import socket
import sys

ROLES = ("admin", "editor", "viewer")  # accounts.ROLES; not imported here, so that the CLI starts fast

GRACE = 60  # seconds a shutdown waits for running requests (and their builds) to finish


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and names that resolve only to those (``localhost``)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def serve(args) -> int:
    """Serve the workspace until SIGINT/SIGTERM; then finish running requests and stop the workers."""
    import uvicorn

    from ..batch import default_jobs
    from .app import Settings, create_app

    tls = bool(args.tls_cert and args.tls_key)
    if bool(args.tls_cert) != bool(args.tls_key):
        print("briefmaker serve: --tls-cert and --tls-key go together", file=sys.stderr)
        return 2
    if not is_loopback(args.host) and not (tls or args.behind_proxy):
        print(f"briefmaker serve: refusing to serve {args.host}, which is not a loopback address, without TLS: "
              "give --tls-cert/--tls-key, or --behind-proxy when a reverse proxy on this machine terminates TLS",
              file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings(workspace=args.workspace, workers=args.workers or default_jobs(),
                        queue=args.queue, build_timeout=args.build_timeout)
    app = create_app(settings)
    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="info", access_log=False,
                            timeout_graceful_shutdown=GRACE, proxy_headers=args.behind_proxy,
                            forwarded_allow_ips="127.0.0.1" if args.behind_proxy else None,
                            ssl_certfile=args.tls_cert, ssl_keyfile=args.tls_key, server_header=False)
    server = uvicorn.Server(config)
    server.run()
    return 0 if server.started else 1


def users(args) -> int:
    """``briefmaker users add|token|remove|passwd|list``."""
    from .accounts import AccountError, Accounts
    from .workspace import Workspace

    workspace = Workspace.open(args.workspace)
    accounts = Accounts(workspace.state)
    try:
        if args.action == "add":
            units = [u.strip() for text in (args.units or []) for u in text.split(",") if u.strip()]
            user = accounts.add(args.name, args.role, units, _password(args))
            print(f"added {user.name} ({user.role}{': ' + ', '.join(user.units) if user.units else ''})")
        elif args.action == "token":
            print(f"a new API token for {args.name} (shown once; keep it secret):")
            print(accounts.new_token(args.name))
        elif args.action == "remove":
            accounts.remove(args.name)
            print(f"removed {args.name} and revoked their tokens")
        elif args.action == "passwd":
            accounts.passwd(args.name, _password(args))
            print(f"new password set for {args.name}; their tokens are revoked")
        else:
            for user in accounts.users():
                print(f"{user.name}\t{user.role}\t{','.join(user.units)}")
    except AccountError as exc:
        print(f"briefmaker users: {exc}", file=sys.stderr)
        return 1
    finally:
        accounts.close()
    return 0


def _password(args) -> str:
    from .accounts import AccountError

    if not args.password_stdin:
        raise AccountError("give the password on standard input with --password-stdin")
    return sys.stdin.readline().rstrip("\r\n")


def add_arguments(sub) -> None:
    """The ``serve`` and ``users`` subcommands on the CLI's subparsers."""
    serve_p = sub.add_parser("serve", help="serve a workspace of briefs over HTTP (docs/service.md)",
                             description="Serve the briefs of a workspace over HTTP: an API to read, save, "
                                         "build, batch and send them, with accounts (docs/service.md).")
    serve_p.add_argument("--workspace", required=True, metavar="DIR",
                         help="folder holding briefs/, styles/, out/ (and the service's .briefmaker/)")
    serve_p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve_p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve_p.add_argument("--workers", type=int, metavar="N", help="build worker processes (default: the cores)")
    serve_p.add_argument("--queue", type=int, default=16, metavar="N",
                         help="builds that may wait for a worker before requests get 503 (default: 16)")
    serve_p.add_argument("--build-timeout", type=float, default=120.0, metavar="SECONDS",
                         help="a build running longer is stopped and its worker replaced (default: 120)")
    serve_p.add_argument("--behind-proxy", action="store_true",
                         help="a reverse proxy on this machine terminates TLS: allow a non-loopback --host "
                              "and trust its X-Forwarded-For")
    serve_p.add_argument("--tls-cert", metavar="FILE", help="serve HTTPS with this certificate (PEM)")
    serve_p.add_argument("--tls-key", metavar="FILE", help="the certificate's private key (PEM)")
    serve_p.set_defaults(run=serve)

    users_p = sub.add_parser("users", help="manage the accounts of a served workspace",
                             description="Add, remove and list the accounts of a workspace; make API tokens.")
    actions = users_p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for action, text in (("add", "add an account"), ("token", "print a new API token (on the last line)"),
                         ("remove", "remove an account and its tokens"), ("passwd", "set a new password"),
                         ("list", "list the accounts")):
        p = actions.add_parser(action, help=text, description=text)
        if action != "list":
            p.add_argument("name", metavar="NAME")
        if action == "add":
            p.add_argument("--role", required=True, choices=ROLES)
            p.add_argument("--units", nargs="+", metavar="UNIT",
                           help="the units (meta.unit) whose briefs this account may change (or read, for a viewer)")
        if action in ("add", "passwd"):
            p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
        p.add_argument("--workspace", default=".", metavar="DIR", help="the workspace (default: .)")
        p.set_defaults(run=users)
