"""Level content: YAML files -> validated, frozen dataclasses."""

from .catalog import Catalog, load_catalog
from .loader import LoadResult, load_level, load_topics
from .model import Issue, Level, Node, Question, Text, Topic

__all__ = ["Catalog", "load_catalog", "LoadResult", "load_level", "load_topics", "Level", "Question", "Node", "Text", "Topic",
           "Issue"]
