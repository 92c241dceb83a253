"""Stand-in for pendulum.datetime (an Airflow dependency): an aware datetime in the named zone."""
from datetime import datetime as _datetime
from zoneinfo import ZoneInfo


def datetime(year, month=1, day=1, hour=0, minute=0, second=0, microsecond=0, tz="UTC"):
    return _datetime(year, month, day, hour, minute, second, microsecond, tzinfo=ZoneInfo(tz))
