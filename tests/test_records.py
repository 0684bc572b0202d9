"""records.as_date: every way a table cell holds a date, or holds none."""

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from lib.records import as_date


@pytest.mark.parametrize(("value", "expected"), [
    [pd.Timestamp("2024-05-03 12:30"), date(2024, 5, 3)], [datetime(2024, 5, 3, 23, 59), date(2024, 5, 3)],
    [date(2024, 5, 3), date(2024, 5, 3)], ["2024-05-03", date(2024, 5, 3)],
    [np.datetime64("2024-05-03"), date(2024, 5, 3)],
    [None, None], [pd.NaT, None], [float("nan"), None], ["", None], [np.datetime64("NaT"), None],
])
def test_as_date(value, expected):
    assert as_date(value) == expected


def test_as_date_reads_a_published_column_as_the_pipeline_stores_it():
    column = pd.to_datetime(pd.Series(["2024-05-03", None])).astype("datetime64[ns]")
    assert [as_date(v) for v in column] == [date(2024, 5, 3), None]
    rows = pd.DataFrame({"published": column}).itertuples()
    assert [as_date(row.published) for row in rows] == [date(2024, 5, 3), None]
