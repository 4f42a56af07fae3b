"""Settings: the committed file validates, bad keys are named, env overrides, secrets env-only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from tikg.settings import ConfigError, Settings, load_settings

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_tikg_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the file and the variables they set themselves."""
    import os

    for name in list(os.environ):
        if name.startswith("TIKG_"):
            monkeypatch.delenv(name)


def test_committed_config_validates() -> None:
    settings = load_settings(REPO / "config.yaml")
    assert settings.neo4j.managed
    assert settings.state_path == REPO / "var"


def _dotted_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    keys = []
    for name, field in model.model_fields.items():
        if name == "config_path":
            continue
        keys.append(prefix + name)
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            keys += _dotted_keys(ann, prefix + name + ".")
    return keys


def test_every_key_is_in_the_config_file_and_readme() -> None:
    config_text = (REPO / "config.yaml").read_text()
    readme = (REPO / "README.md").read_text()
    assert "TIKG_NEO4J__PASSWORD" in config_text  # the secret is documented, never set there
    for key in _dotted_keys(Settings):
        leaf = key.rsplit(".", 1)[-1]
        assert f"`{key}`" in readme, f"{key} not documented in README.md"
        if key == "neo4j.password":
            continue
        assert re.search(rf"^\s*{leaf}:", config_text, re.M), f"{key} missing in config.yaml"


def test_every_key_in_the_config_file_is_commented() -> None:
    lines = (REPO / "config.yaml").read_text().splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^ {0,2}[a-z_]+:", line):  # sections and their keys (not list items)
            above = lines[i - 1].strip() if i else ""
            is_section = line.rstrip().endswith(":")
            assert above.startswith("#") or is_section, f"uncommented key: {line.strip()}"


def test_unknown_key_is_named(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("neo4j:\n  prot: 7688\n")
    with pytest.raises(
        ConfigError, match=r"neo4j\.prot: unknown key \(did you mean neo4j\.port\?\)"
    ):
        load_settings(cfg)


def test_mistyped_value_is_named(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("dashboard:\n  port: eighty\n")
    with pytest.raises(ConfigError, match=r"dashboard\.port"):
        load_settings(cfg)


def test_unknown_section_is_named(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("neo5j:\n  port: 1\n")
    with pytest.raises(ConfigError, match=r"neo5j: unknown key \(did you mean neo4j\?\)"):
        load_settings(cfg)


def test_environment_overrides_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("neo4j:\n  port: 7688\n")
    assert load_settings(cfg).neo4j.port == 7688
    monkeypatch.setenv("TIKG_NEO4J__PORT", "7699")
    assert load_settings(cfg).neo4j.port == 7699


def test_bad_environment_key_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIKG_NEO4J__PASWORD", "x")
    with pytest.raises(ConfigError, match=r"environment TIKG_NEO4J__PASWORD.*neo4j\.pasword"):
        load_settings(None)


def test_password_comes_from_environment_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("neo4j:\n  password: hunter2hunter2\n")
    with pytest.raises(ConfigError, match="TIKG_NEO4J__PASSWORD") as info:
        load_settings(cfg)
    assert "hunter2" not in str(info.value)
    monkeypatch.setenv("TIKG_NEO4J__PASSWORD", "s3cret-from-env")
    settings = load_settings(None)
    assert settings.neo4j.password is not None
    assert settings.neo4j.password.get_secret_value() == "s3cret-from-env"
    assert "s3cret" not in repr(settings)


def test_external_uri_is_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIKG_NEO4J__URI", "neo4j+s://abc.databases.neo4j.io")
    settings = load_settings(None)
    assert not settings.neo4j.managed
    assert settings.neo4j.bolt_uri == "neo4j+s://abc.databases.neo4j.io"
    monkeypatch.setenv("TIKG_NEO4J__URI", "http://localhost:7474")
    with pytest.raises(ConfigError, match=r"neo4j\.uri"):
        load_settings(None)


def test_invalid_yaml_reports_line(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("neo4j:\n  port: [1\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_settings(cfg)


def test_relative_paths_resolve_against_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "sub" / "c.yaml"
    cfg.parent.mkdir()
    cfg.write_text("state_dir: st\n")
    assert load_settings(cfg).state_path == (tmp_path / "sub" / "st").resolve()
