"""Browser tests: a real `puente serve` with the demo loaded, driven by Debian's Chromium.

Run them with ``make browser-test`` (``.ci/run`` does). They are kept out of ``make test``
(pyproject's ``addopts`` ignores this folder) because they need Chromium and a minute to load
the demo.

- Chromium: ``/usr/bin/chromium`` from Debian (``apt-get install chromium``), or the path in
  ``PUENTE_CHROMIUM``. Playwright never downloads a browser here.
- Data: ``puente migrate`` + ``puente demo --scale small`` into a temporary folder, or a copy
  of a prepared data folder named by ``PUENTE_BROWSER_VAR_DIR`` (``.ci/run`` loads the demo
  once and shares it with the API fuzzing stage).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

PUENTE = Path(sys.executable).with_name("puente")
CHROMIUM = os.environ.get("PUENTE_CHROMIUM", "/usr/bin/chromium")
# The flags that make Chromium quiet and self-contained on a machine with no network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "puente-demo-2026")
# Generous: on a busy 2-core machine a first page render or a password hash can take seconds.
TIMEOUT_MS = int(os.environ.get("PUENTE_BROWSER_TIMEOUT_MS", "60000"))
# Production-only switches that would break a plain-HTTP local server.
_DROPPED_ENV = {
    "DATABASE_URL",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "BEHIND_PROXY",
    "ALLOWED_HOSTS",
    "PORT",
    "HOST",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


def puente_command() -> list[str]:
    return [str(PUENTE)] if PUENTE.exists() else [sys.executable, "-m", "puente"]


def server_env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    env.update(
        PUENTE_VAR_DIR=str(var_dir),
        DEMO_LOGIN="1",
        DEMO_PASSWORD=DEMO_PASSWORD,
        DEBUG="0",
        PYTHONWARNINGS="ignore",
        PYTHONUNBUFFERED="1",
    )
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_demo(var_dir: Path) -> None:
    """Fill var_dir with a migrated database holding the small demo."""
    prepared = os.environ.get("PUENTE_BROWSER_VAR_DIR")
    if prepared:
        shutil.copytree(prepared, var_dir, dirs_exist_ok=True)
        return
    env = server_env(var_dir)
    for args in (["migrate", "--noinput", "-v", "0"], ["demo", "--scale", "small"]):
        result = subprocess.run([*puente_command(), *args], env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            pytest.fail(f"`puente {' '.join(args)}` failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def wait_until_serving(url: str, process: subprocess.Popen[Any], log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"`puente serve` exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"`puente serve` did not answer {url} within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def live_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a `puente serve` with the demo loaded (no worker: tasks run inline)."""
    var_dir = tmp_path_factory.mktemp("puente-var")
    prepare_demo(var_dir)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = var_dir / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [*puente_command(), "serve", "--no-worker", "--port", str(port)],
            env=server_env(var_dir),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(f"{url}/es/", process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: `apt-get install chromium` (or set PUENTE_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_context(browser: Any, **options: Any) -> Any:
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


def log_in_with_form(page: Any, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base_url}/es/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/dashboard/")


@pytest.fixture(scope="session")
def storage_state(browser: Any, live_server_url: str) -> Callable[[str | None], dict[str, Any] | None]:
    """Cookies of a logged-in demo user, logged in once per session through the login form."""
    states: dict[str, dict[str, Any]] = {}

    def state_for(username: str | None) -> dict[str, Any] | None:
        if username is None:
            return None
        if username not in states:
            context = new_context(browser)
            log_in_with_form(context.new_page(), live_server_url, username)
            states[username] = context.storage_state()
            context.close()
        return states[username]

    return state_for


@pytest.fixture
def open_page(browser: Any, live_server_url: str, storage_state: Callable) -> Iterator[Callable[..., Any]]:
    """``open_page(user=None, locale="es")`` gives a fresh Playwright page for a demo user."""
    contexts: list[Any] = []

    def _open(user: str | None = None, **context_options: Any) -> Any:
        context = new_context(browser, base_url=live_server_url, storage_state=storage_state(user), **context_options)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()
