"""AWS: a boto3 session from the settings, for the clients of any service (BackAnt's AWSClient).

Credentials, in order: a named profile (AWS_PROFILE, from ~/.aws/config), explicit keys
(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), else boto3's default chain: the environment, then
the ECS task role (or an instance profile) where the app runs on AWS.
"""

from typing import TYPE_CHECKING

import boto3

from startup.Environment import Settings, get_settings

if TYPE_CHECKING:
    from mypy_boto3_sts.type_defs import GetCallerIdentityResponseTypeDef


class AWSClient:
    def __init__(
        self,
        *,
        region: str,
        profile: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
    ) -> None:
        if profile is not None:
            self.session = boto3.Session(profile_name=profile, region_name=region)
        elif access_key_id is not None and secret_access_key is not None:
            self.session = boto3.Session(
                aws_access_key_id=access_key_id,
                aws_secret_access_key=secret_access_key,
                region_name=region,
            )
        else:  # the environment, then the ECS task role or an instance profile
            self.session = boto3.Session(region_name=region)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> "AWSClient":
        settings = settings or get_settings()
        secret = settings.aws_secret_access_key
        return cls(
            region=settings.aws_region,
            profile=settings.aws_profile,
            access_key_id=settings.aws_access_key_id,
            secret_access_key=secret.get_secret_value() if secret is not None else None,
        )

    def identity(self) -> "GetCallerIdentityResponseTypeDef":
        """Who the credentials belong to (STS): a check that they work."""
        return self.session.client("sts").get_caller_identity()
