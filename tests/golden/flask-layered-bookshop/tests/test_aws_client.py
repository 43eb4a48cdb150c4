"""The AWS client's three ways to credentials, against moto's AWS (offline: no request leaves)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from moto import mock_aws
from pydantic import SecretStr

from apis.aws.AWSClient import AWSClient
from startup.Environment import Settings

MOTO_ACCOUNT = "123456789012"  # the account moto answers for


@pytest.fixture(autouse=True)
def offline_aws(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No credentials or profiles of this machine's; every AWS call goes to moto."""
    for name in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "config"
    config.write_text(
        "[profile dev]\naws_access_key_id = dev-key\naws_secret_access_key = dev-secret\n"
    )
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    with mock_aws():
        yield


def test_a_named_profile() -> None:
    client = AWSClient(region="eu-west-1", profile="dev")
    assert client.session.profile_name == "dev"
    assert client.session.region_name == "eu-west-1"
    credentials = client.session.get_credentials()
    assert credentials is not None and credentials.access_key == "dev-key"
    assert client.identity()["Account"] == MOTO_ACCOUNT


def test_explicit_keys() -> None:
    client = AWSClient(region="us-east-1", access_key_id="key-id", secret_access_key="secret")
    credentials = client.session.get_credentials()
    assert credentials is not None and credentials.access_key == "key-id"
    assert client.identity()["Account"] == MOTO_ACCOUNT


def test_the_default_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither: boto3's chain (here the environment; on ECS, the task role)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "from-env")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "from-env-secret")
    client = AWSClient(region="us-east-1")
    credentials = client.session.get_credentials()
    assert credentials is not None and credentials.access_key == "from-env"
    assert client.identity()["Account"] == MOTO_ACCOUNT


def test_from_settings() -> None:
    settings = Settings(
        environment="test",
        aws_region="eu-central-1",
        aws_access_key_id="settings-key",
        aws_secret_access_key=SecretStr("settings-secret"),
    )
    client = AWSClient.from_settings(settings)
    assert client.session.region_name == "eu-central-1"
    credentials = client.session.get_credentials()
    assert credentials is not None and credentials.secret_key == "settings-secret"
