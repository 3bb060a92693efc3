"""Validation once: a service's input is a typed command (a ninja Schema), its limits read
from the model fields, its messages in Chinese.

    class DeclarationCommand(Command):
        vehicle: text(Declaration, "vehicle")          # required, max_length from the model
        remarks: text(Declaration, "remarks", required=False)

The API takes the command as its payload; a page builds it from the form with `parse()`;
the service receives it already valid. Either way a bad field answers VALIDATION_ERROR with a
Chinese message naming the field by its label, never by its name.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic import ValidationError as PydanticValidationError

from smartvet.core.errors import ValidationFailed


class Command(Schema):
    """Base of every service input: surrounding spaces stripped, unknown fields refused."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")


def max_length(model: type[models.Model], field: str) -> int:
    length = model._meta.get_field(field).max_length
    if length is None:
        raise ValueError(f"{model.__name__}.{field} has no max_length")
    return int(length)


def label(model: type[models.Model], field: str) -> str:
    return str(model._meta.get_field(field).verbose_name)


def text(model: type[models.Model], field: str, *, required: bool = True) -> Any:
    """A text field of `model` as a command field: its length limit and its label."""
    constraints = StringConstraints(
        strip_whitespace=True, min_length=1 if required else 0, max_length=max_length(model, field)
    )
    default = ... if required else ""
    return Annotated[str, constraints, Field(default, title=label(model, field))]


def _message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing" or (kind == "string_too_short" and ctx.get("min_length") == 1):
        return _("必须填写")
    if kind == "string_too_long":
        return _("不能超过%(n)s个字符") % {"n": ctx.get("max_length")}
    if kind == "too_long":
        return _("最多%(n)s项") % {"n": ctx.get("max_length")}
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        limits = {
            "greater_than": _("必须大于%(n)s"),
            "greater_than_equal": _("不能小于%(n)s"),
            "less_than": _("必须小于%(n)s"),
            "less_than_equal": _("不能大于%(n)s"),
        }
        bound = next(iter(ctx.values()), "")
        return limits[kind] % {"n": bound}
    if kind == "decimal_max_places":
        return _("最多%(n)s位小数") % {"n": ctx.get("decimal_places")}
    if kind in {"decimal_max_digits", "decimal_whole_digits"}:
        return _("数值位数过多")
    if kind.startswith(("int_", "float_", "decimal_")):
        return _("必须是数字")
    if kind.startswith(("date_", "datetime_")):
        return _("日期格式应为 年-月-日")
    if kind.startswith("bool_"):
        return _("只能是“是”或“否”")
    if kind in {"literal_error", "enum"}:
        return _("不是可选的值")
    if kind == "extra_forbidden":
        return _("不认识的字段")
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return _("应为一组字段")
    if kind in {"list_type", "tuple_type", "set_type"}:
        return _("应为列表")
    if kind == "value_error" and ctx.get("error"):
        return str(ctx["error"])  # a command's own check says what is wrong, in Chinese
    return _("格式不正确")


def field_path(location: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in location)


def _field_label(command: type[Schema] | None, location: tuple[Any, ...]) -> str:
    """The label of the innermost field the location names: `destination.place` is the
    place's (到达地点), not its command's (到达地)."""
    label = ""
    for part in location:
        info = command.model_fields.get(str(part)) if command is not None else None
        if info is None:
            break
        label = str(info.title) if info.title else label
        nested = info.annotation
        command = nested if isinstance(nested, type) and issubclass(nested, BaseModel) else None
    return label


def problems(
    errors: list[dict[str, Any]], command: type[Schema] | None = None
) -> list[dict[str, Any]]:
    """Pydantic's errors as the contract's details: field path, code, Chinese message (with the
    field's label in front when the command gives one)."""
    details = []
    for error in errors:
        location = tuple(error.get("loc", ()))
        message = _message(error)
        name = _field_label(command, location)
        details.append(
            {
                "field": field_path(location) or None,
                "code": "VALIDATION_ERROR",
                "message": _("%(label)s：%(message)s") % {"label": name, "message": message}
                if name
                else message,
            }
        )
    return details


C = TypeVar("C", bound=Schema)


def parse(command: type[C], data: dict[str, Any]) -> C:
    """The command built from `data` (a form's cleaned data, a dict), or VALIDATION_ERROR with
    every bad field listed."""
    try:
        return command.model_validate(data)
    except PydanticValidationError as exc:
        details = problems(exc.errors(include_url=False), command)
        raise ValidationFailed(details[0]["message"], details) from None
