"""Typed inputs of enforcement's services (core.commands), one module per subject: the API's
payloads; pages build them with `parse`. Limits and labels come from the models."""

from typing import Annotated

from pydantic import StringConstraints

RegionCode = Annotated[str, StringConstraints(strip_whitespace=True, max_length=12)]
