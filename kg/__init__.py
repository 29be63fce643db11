"""kg: a knowledge graph of research papers, their methods, datasets and benchmarks."""

__version__ = "0.1.0"
