"""All of actions' migrations 0001-0005 in one, in the layer order of the apps.

actions sits above governance: this migration depends on governance's, never the other way.
Before, governance 0001 depended on actions 0001 (the Commitment.actions many-to-many) and
actions 0002 on governance 0001 (Milestone.meeting): a cycle. The many-to-many is now declared
on Action (Action.commitments, same table governance_commitment_actions), so the order is
programmes -> governance -> actions. A database that applied all of the old 0001-0005 (the
state of every database before this change) is recorded as having applied this migration and
is not touched; a new database runs it. The old files are gone: kept, they would carry the
old cycle into the graph (Django moves a replaced migration's dependencies to its
replacement).
"""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models
import django.utils.timezone

TASK = "actions.tasks.send_update_reminders"
NAME = "Herinnering voortgangsupdates ketenpartners"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="7",
        day_of_week="1",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={
            "task": TASK,
            "crontab": crontab,
            "enabled": True,
            "description": (
                "Wekelijks (maandag 07:00). Binnen REMINDER_WEEKS_BEFORE_REPORT weken voor "
                "1 januari en 1 oktober krijgen ketenpartners zonder voortgangsupdate in dit "
                "halfjaar één herinnering per rapportage."
            ),
        },
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NAME, task=TASK).delete()


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ("actions", "0001_initial"),
        ("actions", "0002_initial"),
        ("actions", "0003_status_update_details"),
        ("actions", "0004_update_reminder_schedule"),
        ("actions", "0005_action_owners_history"),
    ]

    dependencies = [
        ("programmes", "0001_initial"),
        ("governance", "0001_squashed_0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='BudgetLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('section', models.CharField(blank=True, help_text='Kop in de tabel, zoals Projectkosten.', max_length=120, verbose_name='rubriek')),
                ('row_label', models.CharField(blank=True, help_text='Bijvoorbeeld 2B.', max_length=20, verbose_name='actielabel (zoals gedrukt)')),
                ('description', models.CharField(max_length=300, verbose_name='omschrijving')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='volgorde')),
                ('year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='jaar')),
                ('kind', models.CharField(choices=[('bedrag', 'Bedrag'), ('capaciteit', 'Capaciteit (inzet in natura)'), ('pm', 'Pro memorie')], max_length=12, verbose_name='soort')),
                ('amount', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(0, 'Een bedrag kan niet negatief zijn.')], verbose_name='begroot bedrag (€)')),
                ('is_estimate', models.BooleanField(default=False, help_text="In de bron 'ca.' of 'onder voorbehoud'.", verbose_name='bedrag bij benadering')),
                ('realised', models.DecimalField(decimal_places=2, default=0, max_digits=12, validators=[django.core.validators.MinValueValidator(0, 'Een bedrag kan niet negatief zijn.')], verbose_name='gerealiseerd (€)')),
                ('note', models.CharField(blank=True, help_text='Bijvoorbeeld ZonMW of GHNT landelijk.', max_length=200, verbose_name='toelichting')),
            ],
            options={
                'verbose_name': 'begrotingsregel',
                'verbose_name_plural': 'begrotingsregels',
                'ordering': ['programme', 'order', 'funding_source__order'],
            },
        ),
        migrations.CreateModel(
            name='ExpectedResult',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='volgorde')),
                ('description', models.TextField(verbose_name='beoogd resultaat')),
                ('target_value', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='streefwaarde')),
                ('achieved_value', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='behaalde waarde')),
                ('unit', models.CharField(blank=True, max_length=80, verbose_name='eenheid')),
            ],
            options={
                'verbose_name': 'beoogd resultaat',
                'verbose_name_plural': 'beoogde resultaten',
                'ordering': ['action', 'order'],
            },
        ),
        migrations.CreateModel(
            name='FundingSource',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120, unique=True, verbose_name='naam')),
                ('kind', models.CharField(choices=[('gemeente', 'Gemeente'), ('partner', 'Partner'), ('duvo', 'DUVO (Doeluitkering Vrouwenopvang)'), ('subsidie_verstrekt', 'Subsidie verstrekt'), ('subsidie_aan_te_vragen', 'Subsidie aan te vragen'), ('rijk', 'Rijksmiddelen'), ('overig', 'Overig')], max_length=30, verbose_name='soort')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='volgorde')),
                ('description', models.TextField(blank=True, verbose_name='toelichting')),
            ],
            options={
                'verbose_name': 'financieringsbron',
                'verbose_name_plural': 'financieringsbronnen',
                'ordering': ['order', 'name'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalAction',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('code', models.CharField(help_text='Zoals in het plan, bijvoorbeeld 2B.', max_length=10, verbose_name='code')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='volgorde')),
                ('title', models.CharField(max_length=300, verbose_name='titel')),
                ('summary_title', models.CharField(blank=True, help_text='Zoals de actie in de samenvatting van het plan heet, als dat anders is.', max_length=300, verbose_name='titel in de samenvatting')),
                ('wat', models.TextField(blank=True, verbose_name='wat')),
                ('doel', models.TextField(blank=True, verbose_name='doel')),
                ('hoe', models.TextField(blank=True, verbose_name='hoe')),
                ('door', models.TextField(blank=True, verbose_name='door (zoals in het plan)')),
                ('wanneer', models.TextField(blank=True, verbose_name='wanneer')),
                ('resultaten', models.TextField(blank=True, verbose_name='resultaten en effecten')),
                ('kosten', models.TextField(blank=True, verbose_name='kosten (zoals in het plan)')),
                ('status', models.CharField(choices=[('niet_gestart', 'Niet gestart'), ('in_uitvoering', 'In uitvoering'), ('vertraagd', 'Vertraagd'), ('afgerond', 'Afgerond'), ('vervallen', 'Vervallen')], default='niet_gestart', max_length=20, verbose_name='status')),
                ('progress', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MinValueValidator(0, 'De voortgang ligt tussen 0 en 100 procent.'), django.core.validators.MaxValueValidator(100, 'De voortgang ligt tussen 0 en 100 procent.')], verbose_name='voortgang (%)')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='versie')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historie actie',
                'verbose_name_plural': 'historical acties',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalAction_owners',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                'verbose_name': 'HistoricalAction_owners',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalBudgetLine',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('section', models.CharField(blank=True, help_text='Kop in de tabel, zoals Projectkosten.', max_length=120, verbose_name='rubriek')),
                ('row_label', models.CharField(blank=True, help_text='Bijvoorbeeld 2B.', max_length=20, verbose_name='actielabel (zoals gedrukt)')),
                ('description', models.CharField(max_length=300, verbose_name='omschrijving')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='volgorde')),
                ('year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='jaar')),
                ('kind', models.CharField(choices=[('bedrag', 'Bedrag'), ('capaciteit', 'Capaciteit (inzet in natura)'), ('pm', 'Pro memorie')], max_length=12, verbose_name='soort')),
                ('amount', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(0, 'Een bedrag kan niet negatief zijn.')], verbose_name='begroot bedrag (€)')),
                ('is_estimate', models.BooleanField(default=False, help_text="In de bron 'ca.' of 'onder voorbehoud'.", verbose_name='bedrag bij benadering')),
                ('realised', models.DecimalField(decimal_places=2, default=0, max_digits=12, validators=[django.core.validators.MinValueValidator(0, 'Een bedrag kan niet negatief zijn.')], verbose_name='gerealiseerd (€)')),
                ('note', models.CharField(blank=True, help_text='Bijvoorbeeld ZonMW of GHNT landelijk.', max_length=200, verbose_name='toelichting')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historie begrotingsregel',
                'verbose_name_plural': 'historical begrotingsregels',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalExpectedResult',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='volgorde')),
                ('description', models.TextField(verbose_name='beoogd resultaat')),
                ('target_value', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='streefwaarde')),
                ('achieved_value', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='behaalde waarde')),
                ('unit', models.CharField(blank=True, max_length=80, verbose_name='eenheid')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historie beoogd resultaat',
                'verbose_name_plural': 'historical beoogde resultaten',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalMilestone',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('letter', models.CharField(help_text='Zoals gedrukt in de mijlpalenplanning.', max_length=4, verbose_name='letter')),
                ('order', models.PositiveSmallIntegerField(verbose_name='volgorde')),
                ('title', models.CharField(max_length=300, verbose_name='omschrijving')),
                ('planned_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='gepland jaar')),
                ('planned_quarter', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='gepland kwartaal')),
                ('meeting_label', models.CharField(blank=True, help_text='Bijvoorbeeld AO-jan.', max_length=60, verbose_name='overleg (zoals gedrukt)')),
                ('done_on', models.DateField(blank=True, null=True, verbose_name='gereed op')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historie mijlpaal',
                'verbose_name_plural': 'historical mijlpalen',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Milestone',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('letter', models.CharField(help_text='Zoals gedrukt in de mijlpalenplanning.', max_length=4, verbose_name='letter')),
                ('order', models.PositiveSmallIntegerField(verbose_name='volgorde')),
                ('title', models.CharField(max_length=300, verbose_name='omschrijving')),
                ('planned_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='gepland jaar')),
                ('planned_quarter', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='gepland kwartaal')),
                ('meeting_label', models.CharField(blank=True, help_text='Bijvoorbeeld AO-jan.', max_length=60, verbose_name='overleg (zoals gedrukt)')),
                ('done_on', models.DateField(blank=True, null=True, verbose_name='gereed op')),
            ],
            options={
                'verbose_name': 'mijlpaal',
                'verbose_name_plural': 'mijlpalen',
                'ordering': ['programme', 'order'],
            },
        ),
        migrations.CreateModel(
            name='PrintedBudgetTotal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(0, 'Een bedrag kan niet negatief zijn.')], verbose_name='totaal zoals gedrukt (€)')),
            ],
            options={
                'verbose_name': 'totaal zoals gedrukt',
                'verbose_name_plural': 'totalen zoals gedrukt',
            },
        ),
        migrations.CreateModel(
            name='ReminderLog',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='e-mailadres')),
                ('deadline', models.DateField(help_text='De halfjaarlijkse rapportage waarvoor herinnerd is.', verbose_name='rapportagedatum')),
                ('sent_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='verzonden op')),
                ('action_count', models.PositiveSmallIntegerField(default=0, verbose_name='aantal acties zonder update')),
            ],
            options={
                'verbose_name': 'verzonden herinnering',
                'verbose_name_plural': 'verzonden herinneringen',
                'ordering': ['-sent_at'],
            },
        ),
        migrations.CreateModel(
            name='StatusUpdate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='datum')),
                ('status', models.CharField(choices=[('niet_gestart', 'Niet gestart'), ('in_uitvoering', 'In uitvoering'), ('vertraagd', 'Vertraagd'), ('afgerond', 'Afgerond'), ('vervallen', 'Vervallen')], max_length=20, verbose_name='status')),
                ('progress', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(0, 'De voortgang ligt tussen 0 en 100 procent.'), django.core.validators.MaxValueValidator(100, 'De voortgang ligt tussen 0 en 100 procent.')], verbose_name='voortgang (%)')),
                ('remark', models.TextField(blank=True, verbose_name='toelichting')),
                ('review_status', models.CharField(choices=[('ingediend', 'Ingediend'), ('geaccepteerd', 'Geaccepteerd'), ('teruggestuurd', 'Teruggestuurd')], default='ingediend', max_length=20, verbose_name='beoordeling')),
                ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='beoordeeld op')),
                ('review_remark', models.TextField(blank=True, verbose_name='opmerking bij beoordeling')),
            ],
            options={
                'verbose_name': 'voortgangsupdate',
                'verbose_name_plural': 'voortgangsupdates',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='StatusUpdateMilestone',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ],
            options={
                'verbose_name': 'gemelde gereed mijlpaal',
                'verbose_name_plural': 'gemelde gerede mijlpalen',
            },
        ),
        migrations.CreateModel(
            name='StatusUpdateResult',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('achieved_value', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(0, 'Een behaalde waarde kan niet negatief zijn.')], verbose_name='behaalde waarde')),
            ],
            options={
                'verbose_name': 'gerapporteerd resultaat',
                'verbose_name_plural': 'gerapporteerde resultaten',
            },
        ),
        migrations.CreateModel(
            name='Action',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(help_text='Zoals in het plan, bijvoorbeeld 2B.', max_length=10, verbose_name='code')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='volgorde')),
                ('title', models.CharField(max_length=300, verbose_name='titel')),
                ('summary_title', models.CharField(blank=True, help_text='Zoals de actie in de samenvatting van het plan heet, als dat anders is.', max_length=300, verbose_name='titel in de samenvatting')),
                ('wat', models.TextField(blank=True, verbose_name='wat')),
                ('doel', models.TextField(blank=True, verbose_name='doel')),
                ('hoe', models.TextField(blank=True, verbose_name='hoe')),
                ('door', models.TextField(blank=True, verbose_name='door (zoals in het plan)')),
                ('wanneer', models.TextField(blank=True, verbose_name='wanneer')),
                ('resultaten', models.TextField(blank=True, verbose_name='resultaten en effecten')),
                ('kosten', models.TextField(blank=True, verbose_name='kosten (zoals in het plan)')),
                ('status', models.CharField(choices=[('niet_gestart', 'Niet gestart'), ('in_uitvoering', 'In uitvoering'), ('vertraagd', 'Vertraagd'), ('afgerond', 'Afgerond'), ('vervallen', 'Vervallen')], default='niet_gestart', max_length=20, verbose_name='status')),
                ('progress', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MinValueValidator(0, 'De voortgang ligt tussen 0 en 100 procent.'), django.core.validators.MaxValueValidator(100, 'De voortgang ligt tussen 0 en 100 procent.')], verbose_name='voortgang (%)')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='versie')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='laatst gewijzigd')),
                ('action_line', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='programmes.actionline', verbose_name='actielijn')),
            ],
            options={
                'verbose_name': 'actie',
                'verbose_name_plural': 'acties',
                'ordering': ['programme', 'order', 'code'],
            },
        ),
        migrations.AddField(
            model_name='action',
            name='commitments',
            field=models.ManyToManyField(blank=True, db_table='governance_commitment_actions', related_name='actions', to='governance.commitment', verbose_name='toezeggingen'),
        ),
        migrations.AddField(
            model_name='action',
            name='goal',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='actions', to='programmes.goal', verbose_name='doelstelling'),
        ),
        migrations.AddField(
            model_name='action',
            name='owners',
            field=models.ManyToManyField(blank=True, help_text='Organisaties die de actie uitvoeren en de voortgang bijhouden.', related_name='owned_actions', to='programmes.organisation', verbose_name='eigenaren'),
        ),
        migrations.AddField(
            model_name='action',
            name='programme',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='programmes.programme', verbose_name='actieprogramma'),
        ),
        migrations.AddField(
            model_name='budgetline',
            name='action',
            field=models.ForeignKey(blank=True, help_text='Leeg voor regels die bij geen actie horen, zoals projectkosten.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='budget_lines', to='actions.action', verbose_name='actie'),
        ),
        migrations.AddField(
            model_name='budgetline',
            name='programme',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='budget_lines', to='programmes.programme', verbose_name='actieprogramma'),
        ),
        migrations.AddField(
            model_name='expectedresult',
            name='action',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='expected_results', to='actions.action', verbose_name='actie'),
        ),
        migrations.AddField(
            model_name='budgetline',
            name='funding_source',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='budget_lines', to='actions.fundingsource', verbose_name='financieringsbron'),
        ),
        migrations.AddField(
            model_name='historicalaction',
            name='action_line',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programmes.actionline', verbose_name='actielijn'),
        ),
        migrations.AddField(
            model_name='historicalaction',
            name='goal',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programmes.goal', verbose_name='doelstelling'),
        ),
        migrations.AddField(
            model_name='historicalaction',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalaction',
            name='programme',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programmes.programme', verbose_name='actieprogramma'),
        ),
        migrations.AddField(
            model_name='historicalaction_owners',
            name='action',
            field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actions.action'),
        ),
        migrations.AddField(
            model_name='historicalaction_owners',
            name='history',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='actions.historicalaction'),
        ),
        migrations.AddField(
            model_name='historicalaction_owners',
            name='organisation',
            field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programmes.organisation'),
        ),
        migrations.AddField(
            model_name='historicalbudgetline',
            name='action',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Leeg voor regels die bij geen actie horen, zoals projectkosten.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actions.action', verbose_name='actie'),
        ),
        migrations.AddField(
            model_name='historicalbudgetline',
            name='funding_source',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actions.fundingsource', verbose_name='financieringsbron'),
        ),
        migrations.AddField(
            model_name='historicalbudgetline',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalbudgetline',
            name='programme',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programmes.programme', verbose_name='actieprogramma'),
        ),
        migrations.AddField(
            model_name='historicalexpectedresult',
            name='action',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actions.action', verbose_name='actie'),
        ),
        migrations.AddField(
            model_name='historicalexpectedresult',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalmilestone',
            name='action',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actions.action', verbose_name='actie'),
        ),
        migrations.AddField(
            model_name='historicalmilestone',
            name='body',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.decisionbody', verbose_name='overleg'),
        ),
        migrations.AddField(
            model_name='historicalmilestone',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalmilestone',
            name='meeting',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.meeting', verbose_name='vergadering'),
        ),
        migrations.AddField(
            model_name='historicalmilestone',
            name='programme',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programmes.programme', verbose_name='actieprogramma'),
        ),
        migrations.AddField(
            model_name='milestone',
            name='action',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='actions.action', verbose_name='actie'),
        ),
        migrations.AddField(
            model_name='milestone',
            name='body',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='milestones', to='governance.decisionbody', verbose_name='overleg'),
        ),
        migrations.AddField(
            model_name='milestone',
            name='meeting',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='milestones', to='governance.meeting', verbose_name='vergadering'),
        ),
        migrations.AddField(
            model_name='milestone',
            name='programme',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='programmes.programme', verbose_name='actieprogramma'),
        ),
        migrations.AddField(
            model_name='printedbudgettotal',
            name='funding_source',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='actions.fundingsource', verbose_name='financieringsbron'),
        ),
        migrations.AddField(
            model_name='printedbudgettotal',
            name='programme',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='printed_budget_totals', to='programmes.programme', verbose_name='actieprogramma'),
        ),
        migrations.AddField(
            model_name='reminderlog',
            name='user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gebruiker'),
        ),
        migrations.AddField(
            model_name='statusupdate',
            name='action',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_updates', to='actions.action', verbose_name='actie'),
        ),
        migrations.AddField(
            model_name='statusupdate',
            name='author',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='status_updates', to=settings.AUTH_USER_MODEL, verbose_name='auteur'),
        ),
        migrations.AddField(
            model_name='statusupdate',
            name='organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='status_updates', to='programmes.organisation', verbose_name='organisatie'),
        ),
        migrations.AddField(
            model_name='statusupdate',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reviewed_updates', to=settings.AUTH_USER_MODEL, verbose_name='beoordeeld door'),
        ),
        migrations.AddField(
            model_name='statusupdatemilestone',
            name='milestone',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='actions.milestone', verbose_name='mijlpaal'),
        ),
        migrations.AddField(
            model_name='statusupdatemilestone',
            name='update',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestone_reports', to='actions.statusupdate', verbose_name='voortgangsupdate'),
        ),
        migrations.AddField(
            model_name='statusupdateresult',
            name='expected_result',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reported_values', to='actions.expectedresult', verbose_name='beoogd resultaat'),
        ),
        migrations.AddField(
            model_name='statusupdateresult',
            name='update',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='results', to='actions.statusupdate', verbose_name='voortgangsupdate'),
        ),
        migrations.AddConstraint(
            model_name='action',
            constraint=models.UniqueConstraint(fields=('programme', 'code'), name='action_unique_code_per_programme', violation_error_message='Deze actiecode bestaat al in dit actieprogramma.'),
        ),
        migrations.AddConstraint(
            model_name='action',
            constraint=models.CheckConstraint(condition=models.Q(('progress__gte', 0), ('progress__lte', 100)), name='action_progress_percentage', violation_error_message='De voortgang ligt tussen 0 en 100 procent.'),
        ),
        migrations.AddConstraint(
            model_name='expectedresult',
            constraint=models.CheckConstraint(condition=models.Q(('target_value__isnull', True), ('target_value__gte', 0), _connector='OR'), name='expectedresult_target_non_negative', violation_error_message='Een streefwaarde kan niet negatief zijn.'),
        ),
        migrations.AddConstraint(
            model_name='expectedresult',
            constraint=models.CheckConstraint(condition=models.Q(('achieved_value__isnull', True), ('achieved_value__gte', 0), _connector='OR'), name='expectedresult_achieved_non_negative', violation_error_message='Een behaalde waarde kan niet negatief zijn.'),
        ),
        migrations.AddConstraint(
            model_name='budgetline',
            constraint=models.CheckConstraint(condition=models.Q(('amount__isnull', True), ('amount__gte', 0), _connector='OR'), name='budgetline_amount_non_negative', violation_error_message='Een bedrag kan niet negatief zijn.'),
        ),
        migrations.AddConstraint(
            model_name='budgetline',
            constraint=models.CheckConstraint(condition=models.Q(('realised__gte', 0)), name='budgetline_realised_non_negative', violation_error_message='Een gerealiseerd bedrag kan niet negatief zijn.'),
        ),
        migrations.AddConstraint(
            model_name='budgetline',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('amount__isnull', False), ('kind', 'bedrag')), models.Q(models.Q(('kind', 'bedrag'), _negated=True), ('amount__isnull', True)), _connector='OR'), name='budgetline_amount_iff_kind_amount', violation_error_message='Een regel van het soort bedrag heeft een bedrag; capaciteit en pro memorie hebben er geen.'),
        ),
        migrations.AddConstraint(
            model_name='milestone',
            constraint=models.UniqueConstraint(fields=('programme', 'order'), name='milestone_unique_order_per_programme'),
        ),
        migrations.AddConstraint(
            model_name='milestone',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('planned_quarter__isnull', True), ('planned_year__isnull', True)), models.Q(('planned_quarter__gte', 1), ('planned_quarter__lte', 4), ('planned_year__isnull', False)), _connector='OR'), name='milestone_quarter_complete', violation_error_message='Kies een jaar én een kwartaal (1 tot en met 4), of geen van beide.'),
        ),
        migrations.AddConstraint(
            model_name='printedbudgettotal',
            constraint=models.UniqueConstraint(fields=('programme', 'funding_source'), name='printedtotal_unique_per_source'),
        ),
        migrations.AddConstraint(
            model_name='printedbudgettotal',
            constraint=models.CheckConstraint(condition=models.Q(('amount__gte', 0)), name='printedtotal_amount_non_negative'),
        ),
        migrations.AddConstraint(
            model_name='reminderlog',
            constraint=models.UniqueConstraint(fields=('email', 'deadline'), name='reminderlog_once_per_address_per_deadline'),
        ),
        migrations.AddConstraint(
            model_name='statusupdate',
            constraint=models.CheckConstraint(condition=models.Q(('progress__gte', 0), ('progress__lte', 100)), name='statusupdate_progress_percentage'),
        ),
        migrations.AddConstraint(
            model_name='statusupdatemilestone',
            constraint=models.UniqueConstraint(fields=('update', 'milestone'), name='updatemilestone_unique_per_milestone'),
        ),
        migrations.AddConstraint(
            model_name='statusupdateresult',
            constraint=models.UniqueConstraint(fields=('update', 'expected_result'), name='updateresult_unique_per_result'),
        ),
        migrations.AddConstraint(
            model_name='statusupdateresult',
            constraint=models.CheckConstraint(condition=models.Q(('achieved_value__gte', 0)), name='updateresult_achieved_non_negative', violation_error_message='Een behaalde waarde kan niet negatief zijn.'),
        ),
        migrations.RunPython(create_schedule, remove_schedule),
    ]
