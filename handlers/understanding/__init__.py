"""Understanding chat text: normalisation, intents, dates, amounts and name matching.

Pure functions with no store and no clock, so parsing costs microseconds and tests pin time.
"""

from handlers.understanding.amounts import Amount
from handlers.understanding.dates import Period
from handlers.understanding.names import Candidate, Resolution, resolve
from handlers.understanding.parse import DEFAULT_STAGES, FollowUp, Parsed, parse
from handlers.understanding.text import fold, name_key, normalize

__all__ = [
    "Amount",
    "Candidate",
    "DEFAULT_STAGES",
    "FollowUp",
    "Parsed",
    "Period",
    "Resolution",
    "fold",
    "name_key",
    "normalize",
    "parse",
    "resolve",
]
