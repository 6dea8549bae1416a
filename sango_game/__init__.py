"""Sango: an offline game that teaches children and teens to stay safe online."""

__version__ = "0.1.0"
