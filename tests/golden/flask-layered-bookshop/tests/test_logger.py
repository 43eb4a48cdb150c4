"""The structured logger tags each entry with the class and method that logged it."""

import json
import logging

import pytest

from helper.execution_tracking.Logger import JsonFormatter, Logger

logger = Logger("tests.logger")


class Restocker:
    def restock(self, quantity: int) -> None:
        logger.info("restocked", quantity=quantity)

    @classmethod
    def audit(cls) -> None:
        logger.warning("audited")


def log_alone() -> None:
    logger.error("no class here")


def test_a_method_is_tagged_with_its_class_and_name(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="tests.logger"):
        Restocker().restock(3)
        Restocker.audit()
    first, second = caplog.records
    assert (first.__dict__["class"], first.__dict__["method"]) == ("Restocker", "restock")
    assert first.__dict__["quantity"] == 3 and first.funcName == "restock"
    assert (second.__dict__["class"], second.__dict__["method"]) == ("Restocker", "audit")
    entry = json.loads(JsonFormatter().format(first))
    assert entry["class"] == "Restocker" and entry["method"] == "restock"
    assert entry["message"] == "restocked" and entry["level"] == "INFO"


def test_a_function_has_no_class(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="tests.logger"):
        log_alone()
    (record,) = caplog.records
    assert (record.__dict__["class"], record.__dict__["method"]) == (None, "log_alone")


def test_below_the_level_nothing_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="tests.logger"):
        Restocker().restock(1)
    assert caplog.records == []
