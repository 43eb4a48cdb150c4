"""The app's shared objects, for the request being served."""

from flask import current_app

from helper.DBSession import Database


def current_database() -> Database:
    database = current_app.extensions["database"]
    assert isinstance(database, Database), "create_app() stores the database"
    return database
