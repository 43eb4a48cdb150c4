"""Run the development server: `python run.py` (or `make run`); production runs gunicorn."""

import os

from app.app import app

if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8000")))
