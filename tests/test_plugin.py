"""A third-party package adds a kind through the ``perfcheck.checks`` entry points.

The demo plugin under tests/plugin_demo is laid out as an installed
distribution (package + dist-info with entry_points.txt); putting that
folder on the path installs it for a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PLUGIN_SITE = Path(__file__).parent / "plugin_demo"

CONFIG = '''extends = []
[[rule]]
id = "BX900"
kind = "demo-long-line"
category = "structure"
severity = "warning"
summary = "段落过长"
message = "本行{length}字，超过上限"
[rule.params]
max_chars = 10
'''


def run(args, cwd, with_plugin=True):
    env = dict(os.environ)
    if with_plugin:
        env["PYTHONPATH"] = str(PLUGIN_SITE) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "perfcheck", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


def test_plugin_kind_is_found_through_entry_points(tmp_path):
    (tmp_path / "perfcheck.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "r.txt").write_text("短行\n这一行显然超过了十个字的上限。\n", encoding="utf-8")
    proc = run(["lint", "--format", "json", "r.txt"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    (finding,) = json.loads(proc.stdout)
    assert finding["rule"] == "BX900" and finding["line"] == 2
    assert "超过上限" in finding["message"]


def test_without_the_plugin_the_kind_is_unknown(tmp_path):
    (tmp_path / "perfcheck.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "r.txt").write_text("短行\n", encoding="utf-8")
    proc = run(["lint", "r.txt"], tmp_path, with_plugin=False)
    assert proc.returncode == 2
    assert "unknown kind 'demo-long-line'" in proc.stderr and "BX900" in proc.stderr


def test_current_directory_is_never_imported_implicitly(tmp_path):
    """A module in the working directory named like a plugin is not loaded."""
    (tmp_path / "perfcheck.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "perfcheck_demo_plugin.py").write_text("raise SystemExit('imported!')\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("短行\n", encoding="utf-8")
    proc = run(["lint", "r.txt"], tmp_path, with_plugin=False)
    assert "imported!" not in proc.stderr
    assert proc.returncode == 2  # the kind is unknown, nothing was imported
