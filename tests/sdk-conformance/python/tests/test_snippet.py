"""The code Pipes Setup gives users for their app (`pipes-doctor snippet python …`, the same the
SDK integration step shows), generated, written to a file and run as is against fake-workos."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from harness import DEMO_KEY, GRACE, ReturnServer, consent

DOCTOR = os.environ.get("PIPES_DOCTOR_BIN") or str(Path(__file__).resolve().parents[3] / "target/debug/pipes-doctor")


def load_snippet(fake, return_url: str, tmp_path: Path) -> ModuleType:
    code = subprocess.run([DOCTOR, "snippet", "python", "github", return_url], check=True, capture_output=True, text=True).stdout
    file = tmp_path / "pipes_connect.py"
    file.write_text(code)
    os.environ["WORKOS_API_KEY"] = DEMO_KEY
    os.environ["WORKOS_BASE_URL"] = fake.base_url
    spec = importlib.util.spec_from_file_location(f"pipes_connect_{tmp_path.name}", file)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_generated_code_connects_and_gets_a_token(fake, tmp_path: Path) -> None:
    with ReturnServer("/callback") as ret:
        app = load_snippet(fake, ret.url, tmp_path)
        assert app.RETURN_URL == ret.url
        session: dict = {}
        url = app.start_connection(GRACE, session)
        assert session["pipes"]["code_verifier"] not in url
        consent(url, "allow")
        query = ret.wait()
        account = app.finish_connection(query, session)
        assert account.user_id == GRACE
        assert app.access_token_for(GRACE, account.id).startswith("gho_")
        with pytest.raises(ValueError, match="does not belong"):
            app.finish_connection(query, session)


def test_the_generated_code_refuses_a_forged_state_and_reports_a_denial(fake, tmp_path: Path) -> None:
    with ReturnServer("/callback") as ret:
        app = load_snippet(fake, ret.url, tmp_path)
        session: dict = {}
        app.start_connection(GRACE, session)
        with pytest.raises(ValueError, match="does not belong"):
            app.finish_connection({"connect_code": "x", "state": "forged"}, dict(session))
        url = app.start_connection(GRACE, session)
        consent(url, "deny")
        with pytest.raises(ValueError, match="failed: access_denied"):
            app.finish_connection(ret.wait(), session)
