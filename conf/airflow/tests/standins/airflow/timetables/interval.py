"""Stand-in CronDataIntervalTimetable(cron, timezone): a run per cron tick for the interval that just ended."""


class CronDataIntervalTimetable:
    def __init__(self, cron: str, timezone):
        self.cron = cron
        self.timezone = timezone
