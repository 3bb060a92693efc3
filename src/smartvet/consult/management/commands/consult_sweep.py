"""`smartvet consult_sweep`: remind the experts of, or escalate to the county, every open
consultation whose first-answer clock is due (the deferred tasks do the same on time; the sweep
makes sure nothing waits for a lost task). `smartvet periodic` runs it every five minutes."""

from django.core.management.base import BaseCommand

from smartvet.consult.services import consultations


class Command(BaseCommand):
    help = "提醒或升级超时未答的在线咨询"

    def handle(self, *args, **options):
        count = consultations.sweep()
        self.stdout.write(f"{count}")
