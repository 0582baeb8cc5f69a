"""Production settings pass Django's deployment checklist."""

import os
import subprocess
import sys

import pytest


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k8#Vq2!pX9zL4rT7wN1mB6yH3sD0fG5jC8eA2uQ7iO4vR9tY1xZ6nM3bK0lP5hJ",
        ALLOWED_HOSTS="inspect.industry.go.th",
        CACHE_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_asks_for_a_shared_cache():
    # Sessions and the signed-in person are read from the cache: each process's own memory
    # would keep a person switched off in one process signed in in the others.
    result = run_manage(
        "check",
        "--deploy",
        DEBUG="0",
        SECRET_KEY="k8#Vq2!pX9zL4rT7wN1mB6yH3sD0fG5jC8eA2uQ7iO4vR9tY1xZ6nM3bK0lP5hJ",
        ALLOWED_HOSTS="inspect.industry.go.th",
        CACHE_URL="",
    )
    assert "core.W001" in result.stderr + result.stdout
    assert "set CACHE_URL" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="0", SECRET_KEY="", ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("command", [("makemigrations", "--check", "--dry-run")])
def test_migrations_match_the_models(command):
    result = run_manage(*command)
    assert result.returncode == 0, result.stdout + result.stderr


def test_static_files_collect_for_production(tmp_path):
    # The Docker image runs this; a missing file referenced by a vendored asset breaks it.
    result = run_manage(
        "collectstatic",
        "--noinput",
        DEBUG="0",
        SECRET_KEY="k8#Vq2!pX9zL4rT7wN1mB6yH3sD0fG5jC8eA2uQ7iO4vR9tY1xZ6nM3bK0lP5hJ",
        ALLOWED_HOSTS="inspect.industry.go.th",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_production_keeps_compiled_templates():
    # Every page's menu, filter bar and rows are templates: compiled once per process, not
    # read and parsed on each request.
    result = run_manage(
        "shell",
        "-c",
        "from django.template import engines; "
        "print([type(loader).__module__ for loader in engines['django'].engine.template_loaders])",
        DEBUG="0",
        SECRET_KEY="k8#Vq2!pX9zL4rT7wN1mB6yH3sD0fG5jC8eA2uQ7iO4vR9tY1xZ6nM3bK0lP5hJ",
        ALLOWED_HOSTS="inspect.industry.go.th",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['django.template.loaders.cached']"
