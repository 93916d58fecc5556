"""Shared fixtures: settings in a temporary folder, an app built from them, a test client."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from server.app import create_app
from server.content.loader import BUNDLED_CONTENT
from server.settings import Settings


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled content, safe to break."""
    target = tmp_path / "content"
    shutil.copytree(BUNDLED_CONTENT, target)
    return target


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with an empty data folder of the test's own and the bundled content."""
    return Settings(data_dir=tmp_path / "data", content_dir=BUNDLED_CONTENT)


@pytest.fixture(scope="session")
def shared_app(tmp_path_factory: pytest.TempPathFactory) -> Litestar:
    """One app for read-only HTTP tests: building the catalogue once keeps the suite fast."""
    data_dir = tmp_path_factory.mktemp("data")
    return create_app(Settings(data_dir=data_dir, content_dir=BUNDLED_CONTENT))


@pytest.fixture(scope="session")
def client(shared_app: Litestar) -> Iterator[TestClient[Litestar]]:
    with TestClient(app=shared_app) as test_client:
        yield test_client
