"""layerkit's version: what a project's manifest records as its maker (a module of its own, so
that every layer can read it without importing the package's public API)."""

__version__ = "0.3.1"
