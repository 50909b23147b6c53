"""A star import, then the function it brings in by its bare name (the only star import here).
e2e/triggers.test.ts checks that the trigger prefilter lets it through."""
from torch import *


def star(p):
    return load(p)
