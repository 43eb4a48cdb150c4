"""Field types shared by the schemas."""

from typing import Annotated

from pydantic import HttpUrl, PlainSerializer

# Validated as an http(s) URL, stored and returned as a plain string.
HttpUrlStr = Annotated[HttpUrl, PlainSerializer(str, return_type=str)]
