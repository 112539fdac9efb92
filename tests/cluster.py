# SPDX-License-Identifier: EUPL-1.2
"""A whole deployment on loopback, with the real parts, for tests and benchmarks of issue 21.

``Cluster`` starts what a federal installation runs (README, "Running it for real"): several
gunicorn nodes with the production settings, nginx in front of them with TLS and the
repository's own proxy snippet (``deploy/nginx/elan-proxy.conf``), a Redis of its own, and the
database the caller gives. Nothing is mocked, so what passes here is what an operator gets.

Every port comes from the operating system and every file lives in one temporary directory, so
that several clusters (and other people's test runs) share the machine without meeting.
Whatever happens in the body of the ``with``, every process is stopped by its process group and
the directory removed; a process started here also dies with the Python process that started it
(``PR_SET_PDEATHSIG``), so not even a killed test run leaves nginx or Redis behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime
import fcntl
import hashlib
import http.client
import ipaddress
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from types import TracebackType
from urllib.parse import urlencode, urlsplit

REPOSITORY = Path(__file__).resolve().parent.parent
VENV_BIN = REPOSITORY / ".venv" / "bin"
PROXY_SNIPPET = REPOSITORY / "deploy" / "nginx" / "elan-proxy.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
# Production settings keep the collected files here (elan/settings/base.py, STATIC_ROOT).
STATIC_ROOT = REPOSITORY / "var" / "static"
STATIC_STAMP = REPOSITORY / "var" / "cluster-static.fingerprint"

# The first import of Django, Wagtail and OR-Tools takes seconds on two busy cores.
READY_SECONDS = 60.0
STOP_SECONDS = 15.0
DIRECTORY_PREFIX = "elan-cluster-"
# What a process needs from the caller's environment; anything else (a DATABASE_URL or DEBUG
# left over from a test run) would make the nodes differ from a deployment.
INHERITED_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "USER", "LOGNAME")

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Runs in the child before exec: its own session, and SIGTERM once the harness is gone.

    The signal follows the thread that started the child, so a Cluster belongs to the thread
    that entered it (the main thread in pytest and in the load driver).
    """
    os.setsid()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def free_port() -> int:
    """A port nobody listens on now; the OS picks it so that parallel runs do not collide."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def _write_certificate(certificate_file: Path, key_file: Path) -> None:
    """A self-signed certificate for 127.0.0.1 and localhost that is also its own CA.

    ``CA:TRUE`` with both key identifiers lets Python's strict verification and ``requests``
    accept it as ``verify=``/``cafile`` without turning verification off.
    """
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-keyout",
                str(key_file),
                "-out",
                str(certificate_file),
            ],
            check=True,
            capture_output=True,
        )
        key_file.chmod(0o600)
        return
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    public_key = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(public_key), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_file.chmod(0o600)
    certificate_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))


def _static_sources_fingerprint() -> str:
    """What the collected static files depend on: our own static files and the locked packages.

    Collecting with the compressed manifest storage costs about 20 s of CPU each time, even when
    nothing changed, so the harness collects into STATIC_ROOT once and again only when this
    changes. The packages' static files change only with ``requirements.lock``.
    """
    digest = hashlib.sha256()
    digest.update((REPOSITORY / "requirements.lock").read_bytes())
    for path in sorted((REPOSITORY / "elan").glob("**/static/**/*")):
        if path.is_file():
            stat = path.stat()
            digest.update(
                f"{path.relative_to(REPOSITORY)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
            )
    return digest.hexdigest()


class ClusterError(RuntimeError):
    """The cluster could not start; the message carries the tail of every log."""


class Cluster:
    """Gunicorn nodes behind nginx with TLS, a Redis of their own, on the caller's database.

    Use it as a context manager: ``with Cluster(database_url=...) as cluster:``. The database must
    be migrated already, because migrating is the operator's step, not the nodes'.
    """

    proxy_url: str
    ca_file: Path
    redis_url: str

    def __init__(
        self,
        *,
        database_url: str,
        nodes: int = 2,
        web_workers: int = 1,
        extra_env: dict[str, str] | None = None,
        with_redis: bool = True,
        log_dir: Path | None = None,
    ) -> None:
        """Choose ports and secrets now; nothing starts before ``__enter__``.

        ``web_workers`` is gunicorn's worker count per node: one by default, because two cores
        run every node, nginx, Redis and PostgreSQL at once. ``log_dir`` keeps the logs after
        the cluster stops (for a benchmark's record); by default they go with the temp dir.
        """
        if nodes < 1:
            raise ValueError("A cluster has at least one node.")
        self._database_url = database_url
        self._node_count = nodes
        self._web_workers = web_workers
        self._extra_env = dict(extra_env or {})
        self._with_redis = with_redis
        _remove_orphaned_directories()
        self._directory = Path(tempfile.mkdtemp(prefix=DIRECTORY_PREFIX))
        (self._directory / "owner.pid").write_text(str(os.getpid()))
        self._log_dir = Path(log_dir) if log_dir is not None else self._directory / "logs"
        self._log_dir.mkdir(parents=True, exist_ok=True)
        self._node_ports = [free_port() for _ in range(nodes)]
        self._proxy_port = free_port()
        self._pinned_ports = [free_port() for _ in range(nodes)]
        self._redis_port = free_port()
        self.proxy_url = f"https://127.0.0.1:{self._proxy_port}"
        self.redis_url = f"redis://127.0.0.1:{self._redis_port}/0" if with_redis else ""
        self.ca_file = self._directory / "tls" / "certificate.pem"
        self._key_file = self._directory / "tls" / "key.pem"
        # Fixed for the run, so that a session or a signed link made on one node holds on the
        # other, as it must behind a load balancer.
        self._secret_key = secrets.token_urlsafe(50)
        self._mfa_key = _fernet_key()
        self._nodes: list[subprocess.Popen[bytes]] = []
        self._nginx: subprocess.Popen[bytes] | None = None
        self._redis: subprocess.Popen[bytes] | None = None
        self._workers: list[subprocess.Popen[bytes]] = []
        self._log_files: dict[str, Path] = {}
        self._stopped = False

    # --- Addresses ------------------------------------------------------------------------------

    def via_node(self, index: int) -> str:
        """The same nginx and snippet, pinned to one node, to prove what a node does on its own."""
        return f"https://127.0.0.1:{self._pinned_ports[index]}"

    def node_url(self, index: int) -> str:
        """Straight to one gunicorn over plain HTTP, as the load balancer's health probe goes."""
        return f"http://127.0.0.1:{self._node_ports[index]}"

    def env(self) -> dict[str, str]:
        """The environment of every node, for ``manage.py`` calls that must see the same site."""
        environment = {name: os.environ[name] for name in INHERITED_VARIABLES if name in os.environ}
        environment.update(
            {
                "DJANGO_SETTINGS_MODULE": "elan.settings.production",
                "SECRET_KEY": self._secret_key,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "DATABASE_URL": self._database_url,
                "MFA_ENCRYPTION_KEY": self._mfa_key,
                "SITE_URL": self.proxy_url,
                "AXES_PROXY_COUNT": "1",
                # The proxy passes Host without the port ($host, deploy/nginx/elan-proxy.conf),
                # right on 443; on the harness's own ports the browser's Origin names the port.
                "CSRF_TRUSTED_ORIGINS": ",".join(
                    [self.proxy_url] + [self.via_node(i) for i in range(self._node_count)]
                ),
                "PYTHONUNBUFFERED": "1",
            }
        )
        if self._with_redis:
            environment["REDIS_URL"] = self.redis_url
        environment.update(self._extra_env)
        return environment

    # --- Life cycle -----------------------------------------------------------------------------

    def __enter__(self) -> Cluster:
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _start(self) -> None:
        self.ca_file.parent.mkdir()
        _write_certificate(self.ca_file, self._key_file)
        if self._with_redis:
            self.start_redis()
        self._collect_static()
        for index, port in enumerate(self._node_ports):
            self._nodes.append(
                self._spawn(
                    f"node{index}",
                    [
                        str(VENV_BIN / "gunicorn"),
                        "-c",
                        "gunicorn.conf.py",
                        # gunicorn's control socket defaults to one path per user, which every
                        # node on this machine would take from the other.
                        "--control-socket",
                        str(self._directory / f"node{index}.ctl"),
                    ],
                    {
                        **self.env(),
                        "GUNICORN_BIND": f"127.0.0.1:{port}",
                        "GUNICORN_WORKERS": str(self._web_workers),
                    },
                )
            )
        self._start_nginx()
        deadline = time.monotonic() + READY_SECONDS
        for index in range(self._node_count):
            self._wait_until_healthy(
                f"node {index}", f"{self.node_url(index)}/health/", self._nodes[index], deadline
            )
        assert self._nginx is not None
        for url in [self.proxy_url] + [self.via_node(i) for i in range(self._node_count)]:
            self._wait_until_healthy("nginx", f"{url}/health/", self._nginx, deadline)

    def stop(self) -> None:
        """Stop everything (idempotent), then remove the temporary directory."""
        if self._stopped:
            return
        self._stopped = True
        for process in [*self._workers, self._nginx, *self._nodes, self._redis]:
            if process is not None:
                _terminate(process)
        shutil.rmtree(self._directory, ignore_errors=True)

    # --- Redis ----------------------------------------------------------------------------------

    def start_redis(self) -> None:
        """Start (or start again, after ``stop_redis``) the cluster's Redis on its own port."""
        if not self._with_redis:
            raise ClusterError("This cluster runs without Redis (with_redis=False).")
        if self._redis is not None and self._redis.poll() is None:
            return
        data = self._directory / "redis"
        data.mkdir(exist_ok=True)
        self._redis = self._spawn(
            "redis",
            [
                REDIS_SERVER,
                "--port",
                str(self._redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(data),
            ],
            None,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._redis.poll() is not None:
                raise ClusterError(f"redis-server stopped at start.\n{self.logs()}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self._redis_port), timeout=1) as conn,
            ):
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    return
            time.sleep(0.05)
        raise ClusterError(f"redis-server did not answer PING.\n{self.logs()}")

    def stop_redis(self) -> None:
        """Stop Redis as an outage would: the nodes keep running and must cope."""
        if self._redis is not None:
            _terminate(self._redis)

    # --- Task worker ----------------------------------------------------------------------------

    def start_task_worker(
        self, *, extra_env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        """A ``db_worker`` on every queue with the nodes' environment; stopped with the cluster."""
        index = len(self._workers)
        worker = self._spawn(
            f"worker{index}",
            [
                str(VENV_BIN / "python"),
                "manage.py",
                "db_worker",
                "--queue-name",
                "*",
                "--interval",
                "0.2",
                "--no-startup-delay",
            ],
            {**self.env(), **(extra_env or {})},
        )
        self._workers.append(worker)
        return worker

    # --- Logs -----------------------------------------------------------------------------------

    def logs(self, lines: int = 40) -> str:
        """The last lines of every process's log, for an assertion's message."""
        parts = []
        for name, path in self._log_files.items():
            try:
                tail = path.read_text(errors="replace").splitlines()[-lines:]
            except OSError:
                tail = ["(log gone)"]
            parts.append(f"--- {name} ({path}) ---\n" + "\n".join(tail))
        return "\n".join(parts)

    # --- Internals ------------------------------------------------------------------------------

    def _spawn(
        self, name: str, command: list[str], environment: dict[str, str] | None
    ) -> subprocess.Popen[bytes]:
        log_path = self._log_dir / f"{name}.log"
        self._log_files[name] = log_path
        with open(log_path, "ab") as log:
            return subprocess.Popen(
                command,
                cwd=REPOSITORY,
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
            )

    def _collect_static(self) -> None:
        """Production pages need whitenoise's manifest; collect it only when its sources change.

        The lock keeps two clusters started at once from collecting into the same directory
        together; the stamp records what the last collection was made from.
        """
        STATIC_STAMP.parent.mkdir(exist_ok=True)
        with open(STATIC_STAMP.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            fingerprint = _static_sources_fingerprint()
            manifest = STATIC_ROOT / "staticfiles.json"
            if (
                manifest.exists()
                and STATIC_STAMP.exists()
                and STATIC_STAMP.read_text() == fingerprint
            ):
                return
            result = subprocess.run(
                [str(VENV_BIN / "python"), "manage.py", "collectstatic", "--no-input", "-v", "0"],
                cwd=REPOSITORY,
                env=self.env(),
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise ClusterError(f"collectstatic failed:\n{result.stdout}\n{result.stderr}")
            STATIC_STAMP.write_text(fingerprint)

    def _start_nginx(self) -> None:
        prefix = self._directory / "nginx"
        prefix.mkdir()
        configuration = prefix / "nginx.conf"
        configuration.write_text(self._nginx_configuration(prefix))
        self._nginx = self._spawn(
            "nginx", [NGINX, "-p", str(prefix), "-c", str(configuration), "-e", "stderr"], None
        )

    def _nginx_configuration(self, prefix: Path) -> str:
        upstreams = [
            "upstream elan_nodes {\n"
            + "".join(f"        server 127.0.0.1:{port};\n" for port in self._node_ports)
            + "        keepalive 16;\n    }"
        ]
        servers = [self._nginx_server(self._proxy_port, "elan_nodes")]
        for index, (node_port, pinned_port) in enumerate(
            zip(self._node_ports, self._pinned_ports, strict=True)
        ):
            upstreams.append(
                f"upstream elan_node{index} {{\n        server 127.0.0.1:{node_port};\n"
                "        keepalive 16;\n    }"
            )
            servers.append(self._nginx_server(pinned_port, f"elan_node{index}"))
        # As root, nginx's workers would switch to "nobody", which cannot enter the private
        # temp dir (and Debian has no "nobody" group); root on loopback harms nothing here.
        user = "user root;\n" if os.geteuid() == 0 else ""
        temp_paths = "".join(
            f"    {kind}_temp_path {prefix / kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        return (
            f"{user}daemon off;\nmaster_process on;\nworker_processes 1;\n"
            f"pid {prefix / 'nginx.pid'};\nerror_log stderr warn;\n"
            "events {\n    worker_connections 1024;\n}\n"
            "http {\n"
            f"    access_log off;\n{temp_paths}"
            "    include /etc/nginx/mime.types;\n"
            + "".join(f"    {upstream}\n" for upstream in upstreams)
            + "".join(servers)
            + "}\n"
        )

    def _nginx_server(self, port: int, upstream: str) -> str:
        # The repository's own snippet, so that the harness proves the shipped proxy settings.
        proxying = [f"include {PROXY_SNIPPET};"]
        lines = [
            "server {",
            f"    listen 127.0.0.1:{port} ssl;",
            f"    ssl_certificate {self.ca_file};",
            f"    ssl_certificate_key {self._key_file};",
            "    location / {",
            *(f"        {line}" for line in proxying),
            f"        proxy_pass http://{upstream};",
            "    }",
            "}",
        ]
        return "".join(f"    {line}\n" for line in lines)

    def _wait_until_healthy(
        self, name: str, url: str, process: subprocess.Popen[bytes], deadline: float
    ) -> None:
        context = ssl.create_default_context(cafile=str(self.ca_file))
        last_problem = "no answer yet"
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise ClusterError(
                    f"{name} exited with {process.returncode} before answering {url}.\n"
                    f"{self.logs()}"
                )
            try:
                with urllib.request.urlopen(url, timeout=5, context=context) as response:
                    if response.status == 200:
                        return
                    last_problem = f"status {response.status}"
            except urllib.error.HTTPError as error:
                last_problem = f"status {error.code}: {error.read()[:200]!r}"
            except (OSError, ssl.SSLError) as error:
                last_problem = str(error)
            time.sleep(0.2)
        raise ClusterError(
            f"{name} did not answer {url} with 200 within {READY_SECONDS:.0f} s "
            f"({last_problem}).\n{self.logs()}"
        )


def _remove_orphaned_directories() -> None:
    """Remove what a killed run left: its processes died with it, its directory did not."""
    for directory in Path(tempfile.gettempdir()).glob(f"{DIRECTORY_PREFIX}*"):
        try:
            owner = int((directory / "owner.pid").read_text())
        except (OSError, ValueError):
            continue
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            shutil.rmtree(directory, ignore_errors=True)
        except PermissionError:
            continue


def _terminate(process: subprocess.Popen[bytes]) -> None:
    """Stop a process and everything it started (its process group), by force if it lingers."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    # A worker of the group may outlive its leader by a moment; leave none behind.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


# --- A browser ---------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage | None
    body: str
    seconds: float

    @property
    def location(self) -> str:
        return self.headers.get("Location", "") if self.headers is not None else ""


@dataclass
class Browser:
    """One person's browser: its cookies, its own loopback source address (so that its logins
    count against an address of its own), the cluster's certificate, one node or the other."""

    cluster: Cluster
    source: str
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, node: int, method: str, path: str, form: dict | None = None) -> Answer:
        base = urlsplit(self.cluster.via_node(node))
        context = ssl.create_default_context(cafile=str(self.cluster.ca_file))
        context.check_hostname = False
        connection = http.client.HTTPSConnection(
            base.hostname, base.port, context=context, source_address=(self.source, 0), timeout=90
        )
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.cluster.via_node(node)
            headers["Referer"] = self.cluster.via_node(node) + path
            csrf = self.cookies.get("__Host-csrftoken", "")
            body = urlencode({"csrfmiddlewaretoken": csrf, **form})
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode(errors="replace")
        except (OSError, http.client.HTTPException) as error:
            return Answer(0, None, type(error).__name__, time.monotonic() - started)
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Answer(response.status, response.headers, content, time.monotonic() - started)

    def log_in(self, node: int, email: str, password: str) -> Answer:
        self.request(node, "GET", "/en/accounts/login/")
        return self.request(
            node, "POST", "/en/accounts/login/", {"login": email, "password": password}
        )
