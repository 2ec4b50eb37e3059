from __future__ import annotations

import ast
import inspect
from dataclasses import fields
from pathlib import Path

import pytest

from selaras import settings as settings_module
from selaras.errors import ConfigurationError
from selaras.settings import Settings, load_settings


def test_defaults() -> None:
    settings = load_settings({})
    assert settings == Settings()
    assert settings.data_dir == Path("data")
    assert settings.database_url == ""
    assert settings.nomenclature_path is None
    assert settings.lang == "id"
    assert settings.user == ""
    assert settings.effective_database_url == f"sqlite:///{Path('data') / 'selaras.db'}"


def test_environment_variables() -> None:
    settings = load_settings(
        {
            "SELARAS_DATA_DIR": "/srv/selaras",
            "SELARAS_DATABASE_URL": "postgresql+psycopg://selaras@db:5432/selaras",
            "SELARAS_NOMENCLATURE_PATH": "/srv/nomenklatur_2024.csv",
            "SELARAS_LANG": "en",
            "SELARAS_USER": "bappeda",
            "SELARAS_UNRELATED": "ignored",
        }
    )
    assert settings.data_dir == Path("/srv/selaras")
    assert settings.nomenclature_path == Path("/srv/nomenklatur_2024.csv")
    assert settings.lang == "en"
    assert settings.user == "bappeda"
    assert settings.effective_database_url == "postgresql+psycopg://selaras@db:5432/selaras"


def test_empty_paths_fall_back_to_their_defaults() -> None:
    settings = load_settings({"SELARAS_DATA_DIR": "", "SELARAS_NOMENCLATURE_PATH": ""})
    assert settings.data_dir == Path("data")
    assert settings.nomenclature_path is None


def test_toml_file_then_environment_then_overrides(tmp_path: Path) -> None:
    config = tmp_path / "selaras.toml"
    config.write_text('[selaras]\ndata_dir = "/from/toml"\nlang = "en"\nuser = "toml"\n', encoding="utf-8")
    settings = load_settings({"SELARAS_CONFIG": str(config), "SELARAS_USER": "env"}, lang="id", data_dir=None)
    assert settings.data_dir == Path("/from/toml")  # an override of None changes nothing
    assert settings.user == "env"
    assert settings.lang == "id"


def test_unknown_key_in_the_toml_file_is_named(tmp_path: Path) -> None:
    config = tmp_path / "selaras.toml"
    config.write_text('[selaras]\ncolour = "blue"\nlang = "en"\n', encoding="utf-8")
    with pytest.raises(ConfigurationError) as error:
        load_settings({"SELARAS_CONFIG": str(config)})
    assert str(error.value) == f"pengaturan tidak dikenal di {config}: colour"


def test_unreadable_toml_file(tmp_path: Path) -> None:
    config = tmp_path / "broken.toml"
    config.write_text("[selaras\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"^berkas konfigurasi .*broken\.toml tidak dapat dibaca: "):
        load_settings({"SELARAS_CONFIG": str(config)})
    with pytest.raises(ConfigurationError, match=r"missing\.toml tidak dapat dibaca"):
        load_settings({"SELARAS_CONFIG": str(tmp_path / "missing.toml")})


def test_bad_language() -> None:
    with pytest.raises(ConfigurationError) as error:
        load_settings({"SELARAS_LANG": "fr"})
    assert str(error.value) == "lang harus 'id' atau 'en', bukan 'fr'"


def test_every_setting_has_a_help_text() -> None:
    """Each field is followed by a string literal: the help text shown to whoever configures Selaras."""
    tree = ast.parse(inspect.getsource(settings_module))
    (settings_class,) = (node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "Settings")
    body = settings_class.body
    documented = {}
    for statement, following in zip(body, [*body[1:], None], strict=True):
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            is_text = (
                isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
                and following.value.value.strip() != ""
            )
            documented[statement.target.id] = is_text
    assert set(documented) == {field.name for field in fields(Settings)}
    assert [name for name, has_help in documented.items() if not has_help] == []
