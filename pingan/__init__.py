"""pingan: Chinese 平安建设 press texts -> a table of comparable safety indicators.

Public API::

    normalize(text) -> str
    extract_text(text, doc="name") -> DataFrame
    extract_files(paths) -> DataFrame
    load_seeds() -> DataFrame
    themes(docs) -> Themes    (named initiatives and distinctive keywords per region; loads jieba)
"""
from .extract import COLUMNS, EXTRACTOR_VERSION, extract_text
from .files import extract_files, iter_text_files, load_seeds, read_text_file
from .normalise import normalize
from .themes import Themes, themes  # the function shadows the module name on purpose: pingan.themes(docs)

__all__ = ["normalize", "extract_text", "extract_files", "load_seeds", "COLUMNS", "EXTRACTOR_VERSION",
           "read_text_file", "iter_text_files", "themes", "Themes"]
