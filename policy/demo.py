"""Demo inspection rounds: the two visits on the public record (docs/domain.md, "Sources"), and a
round of the running fiscal year with visits to other offices, figures from the demo data and
some directives overdue."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.thaidates import current_fiscal_year, fiscal_year_range
from offices.models import MinistryUnit, Office, Role, User
from policy import rounds
from policy.models import (
    Directive,
    DirectiveStatus,
    DirectiveUpdate,
    InspectionRound,
    RoundKind,
    RoundStatus,
    RoundTopic,
    Visit,
    VisitLead,
    VisitMode,
    VisitStatus,
)

# The topics of the ministry's inspection plan as the Phichit round 1/2567 names them.
TOPICS: tuple[tuple[str, str], ...] = (
    (
        "การตรวจกำกับดูแลโรงงานที่มีน้ำเสีย มลพิษทางอากาศ และมีความเสี่ยงต่อสิ่งแวดล้อม ให้ครบร้อยละ 100",
        "inspection_coverage",
    ),
    ("การกำกับดูแลการจัดการกากอุตสาหกรรมให้เป็นไปตามกฎหมาย", ""),
    ("การส่งเสริมให้โรงงานได้รับการรับรองอุตสาหกรรมสีเขียว (GI) ร้อยละ 90", "gi_certified"),
    ("การสนับสนุนให้โรงงานเลื่อนระดับการรับรองอุตสาหกรรมสีเขียวที่สูงขึ้น", "gi_level_up"),
    ("การติดตามให้โรงงานเข้าใช้งานระบบ I-Industry", "i_industry"),
    ("การให้ความรู้และติดตามการกรอกข้อมูลในระบบ iSingle Form", "isingle_filed"),
    ("การติดตามผู้ประกอบการที่กู้เงินกองทุนของกระทรวงอุตสาหกรรม ป้องกันหนี้เสีย (NPL)", "loans_in_trouble"),
    ("การแก้ไขเรื่องร้องเรียนของชุมชนให้แล้วเสร็จตามกำหนด", "complaints_on_time"),
    ("การติดตามให้โรงงานปฏิบัติตามคำสั่งตามกฎหมายภายในกำหนด", "orders_on_time"),
    ("การขับเคลื่อนนโยบาย MIND ให้โรงงานเติบโตอย่างสมดุลทั้ง 4 มิติ", "mind_balanced"),
)


@dataclass(frozen=True)
class DemoDirective:
    text: str
    unit: str | None  # MinistryUnit code; None: the office acts
    topic: int | None  # 1-based topic number
    status: str = DirectiveStatus.OPEN
    evidence: str = ""


CHIANG_RAI_DIRECTIVES = (
    DemoDirective(
        "หาแนวทางในการของบประมาณเพิ่มขึ้นให้สำนักงานอุตสาหกรรมจังหวัดที่ได้รับงบประมาณไม่เพียงพอ",
        "ผตร.",
        None,
        DirectiveStatus.DONE,
        "เสนอคำของบประมาณเพิ่มเติมของ สอจ. ในคำของบประมาณประจำปี พ.ศ. 2567",
    ),
    DemoDirective(
        "จัดฝึกอบรมเพื่อเผยแพร่แนวทางการบริหารจัดการงบประมาณอย่างมีประสิทธิภาพ",
        "กยผ.",
        None,
        DirectiveStatus.DONE,
        "จัดอบรมการบริหารจัดการงบประมาณให้ สอจ. ทุกจังหวัด เมื่อเดือนมิถุนายน 2566",
    ),
    DemoDirective(
        "จัดทำขั้นตอนการตรวจประเมินสถานประกอบการที่เป็นมาตรฐานในรูปแบบเดียวกัน",
        "กตร.",
        1,
        DirectiveStatus.IN_PROGRESS,
    ),
    DemoDirective(
        "พิจารณาจัดสรรงบประมาณในภาพรวมเพื่อซ่อมแซมบ้านพักเจ้าหน้าที่ สอจ. ให้กลับสู่สภาพสมบูรณ์",
        "กยผ.",
        None,
        DirectiveStatus.IN_PROGRESS,
    ),
    DemoDirective(
        "จัดทำแผนของบประมาณเงินบำรุงพิเศษจาก กพร. เพื่อใช้เป็นงบดำเนินงานของ สอจ.",
        "กตร.",
        None,
    ),
    DemoDirective(
        "พิจารณาปล่อยสินเชื่อแก่ SME ที่มีศักยภาพและดำเนินธุรกิจตามนโยบาย 4 มิติ เพื่อลดปัญหาหนี้สูญ",
        "ธพว.",
        7,
        DirectiveStatus.IN_PROGRESS,
    ),
    DemoDirective(
        "จัดทำหนังสือถึงจังหวัด ขอความร่วมมือสำรวจโรงงานอุตสาหกรรมในพื้นที่และความต้องการของโรงงาน",
        None,
        None,
        DirectiveStatus.DONE,
        "หนังสือ สอจ.เชียงราย ถึงผู้ว่าราชการจังหวัดเชียงราย เมษายน 2566",
    ),
    DemoDirective(
        "ส่งเจ้าหน้าที่เข้าอบรมความรู้ด้าน iSingle Form",
        None,
        6,
        DirectiveStatus.DONE,
        "เจ้าหน้าที่ 5 คน ผ่านการอบรม",
    ),
)

PHICHIT_DIRECTIVES = (
    DemoDirective(
        "ตรวจกำกับดูแลโรงงานที่มีน้ำเสีย มลพิษทางอากาศ และมีความเสี่ยง ให้ครบร้อยละ 100 "
        "โดยใช้ระบบ i-Auditor เพื่อป้องกันข้อร้องเรียนด้านสิ่งแวดล้อมและฝุ่น PM 2.5",
        None,
        1,
        DirectiveStatus.IN_PROGRESS,
    ),
    DemoDirective(
        "กำกับดูแลการจัดการกากอุตสาหกรรมอย่างเคร่งครัด และประชาสัมพันธ์ประกาศกระทรวงฉบับใหม่ให้โรงงานทราบ",
        None,
        2,
    ),
    DemoDirective(
        "ประชาสัมพันธ์ให้โรงงานเห็นความสำคัญของการรับรองอุตสาหกรรมสีเขียว ให้ได้ร้อยละ 90 ของโรงงานในพื้นที่",
        None,
        3,
        DirectiveStatus.DONE,
        "จัดสัมมนา GI ให้ผู้ประกอบการ 120 ราย",
    ),
    DemoDirective(
        "มอบหมายเจ้าหน้าที่ศึกษาการใช้งานระบบ I-Single Form ให้ชำนาญ พร้อมเป็นที่ปรึกษาให้สถานประกอบการ",
        None,
        6,
    ),
    DemoDirective(
        "ติดตามผู้ประกอบการที่กู้เงินกองทุนของ อก. อย่างต่อเนื่อง หากพบปัญหาให้ช่วยแก้ไขร่วมกับ สอจ. "
        "อย่างรวดเร็วเพื่อป้องกันหนี้เสีย (NPL)",
        "ธพว.",
        7,
        DirectiveStatus.IN_PROGRESS,
    ),
    DemoDirective(
        "บูรณาการร่วมกับ สอจ.พิจิตร ในการส่งเสริมและพัฒนาวิสาหกิจชุมชน SME และผู้ประกอบการในพื้นที่",
        "ศภ.3",
        None,
    ),
)

ROUND_DIRECTIVES = (
    ("เร่งตรวจโรงงานเสี่ยงที่ยังไม่ได้ตรวจในปีงบประมาณนี้ให้ครบ", None, 1),
    ("จัดประชุมชี้แจงผู้ประกอบการเรื่องการกรอกข้อมูลในระบบ iSingle Form", None, 6),
    ("สรุปความต้องการงบประมาณซ่อมแซมบ้านพักเจ้าหน้าที่ของ สอจ.", "กยผ.", None),
    ("ประสานผู้กู้ที่อยู่ในสถานะเฝ้าระวังเพื่อปรับโครงสร้างหนี้", "ธพว.", 7),
    ("ทบทวนแนวทางการตรวจติดตามคำสั่งให้เป็นมาตรฐานเดียวกัน", "กตร.", 9),
)


def _round(fiscal_year: int, number: int, starts_on: dt.date, ends_on: dt.date, status: str):
    round_, created = InspectionRound.objects.get_or_create(
        fiscal_year=fiscal_year,
        kind=RoundKind.REGULAR,
        number=number,
        defaults={
            "starts_on": starts_on,
            "ends_on": ends_on,
            "status": status,
            "title": f"การตรวจราชการกรณีปกติ รอบที่ {number} ประจำปีงบประมาณ พ.ศ. {fiscal_year}",
        },
    )
    if created:
        RoundTopic.objects.bulk_create(
            RoundTopic(round=round_, order=order, title=title, kpi_code=code)
            for order, (title, code) in enumerate(TOPICS, start=1)
        )
    return round_


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _directives(visit: Visit, items, *, due_on: dt.date, units: dict, by: User) -> int:
    topics = {topic.order: topic for topic in visit.round.topics.all()}
    made = 0
    for item in items:
        directive = Directive.objects.create(
            visit=visit,
            topic=topics.get(item.topic) if item.topic else None,
            text=item.text,
            unit=units.get(item.unit) if item.unit else None,
            due_on=due_on,
            status=item.status,
            closed_on=(
                min(due_on - dt.timedelta(days=20), timezone.localdate())
                if item.status == DirectiveStatus.DONE
                else None
            ),
            evidence=item.evidence,
            issued_by=by,
        )
        if item.status != DirectiveStatus.OPEN:
            DirectiveUpdate.objects.create(
                directive=directive,
                on=directive.closed_on or min(due_on, timezone.localdate()) - dt.timedelta(days=5),
                text=item.evidence or "อยู่ระหว่างรวบรวมข้อมูลและประสานหน่วยงานที่เกี่ยวข้อง",
                status=item.status,
                by=by,
            )
        made += 1
    return made


@dataclass
class DemoRounds:
    rounds: int = 0
    visits: int = 0
    directives: int = 0


@transaction.atomic
def demo_rounds_create(*, seed: int = 2567, all_offices: bool = False) -> DemoRounds:
    """The rounds 1/2566 and 1/2567 with the visits of the public record, and round 1 of the
    running fiscal year with visits to the offices of regions 3, 16 and 18 (every office when
    ``all_offices``). Nothing is made twice."""
    done = DemoRounds()
    rng = random.Random(seed)
    lead = (
        User.objects.filter(role=Role.HEAD_INSPECTOR).first()
        or User.objects.filter(is_superuser=True).first()
    )
    if lead is None:
        return done
    units = {unit.code: unit for unit in MinistryUnit.objects.all()}

    # 1/2566: the Permanent Secretary at Chiang Rai, 23 February 2566 (CE 2023).
    r2566 = _round(2566, 1, dt.date(2023, 1, 9), dt.date(2023, 3, 31), RoundStatus.CLOSED)
    if not Visit.objects.filter(round=r2566, office_id="57").exists():
        visit = rounds.visit_save(
            visit=Visit(
                round=r2566,
                office_id="57",
                starts_at=_at(dt.date(2023, 2, 23), 13),
                mode=VisitMode.ON_SITE,
                place="สำนักงานอุตสาหกรรมจังหวัดเชียงราย",
                lead_kind=VisitLead.PERMANENT_SECRETARY,
                lead_name="ดร.ณัฐพล รังสิตพล ปลัดกระทรวงอุตสาหกรรม",
                ministry_team="\n".join(
                    [
                        "นางสาวณัฏฐิญา เนตยสุภา รองอธิบดีกรมส่งเสริมอุตสาหกรรม "
                        "รักษาราชการแทนรองปลัดกระทรวงอุตสาหกรรม",
                        "นายวิษณุ ทับเที่ยง หัวหน้าผู้ตรวจราชการกระทรวงอุตสาหกรรม",
                        "นางสาวณิรดา วิสุทธิชาติธาดา ผู้ช่วยปลัดกระทรวงอุตสาหกรรม",
                    ]
                ),
                office_people=(
                    "นางกฤษนันท์ ทะวิชัย อุตสาหกรรมจังหวัดเชียงราย\nข้าราชการและเจ้าหน้าที่ สอจ.เชียงราย"
                ),
                other_agencies="ธนาคารพัฒนาวิสาหกิจขนาดกลางและขนาดย่อมแห่งประเทศไทย สาขาเชียงราย",
                status=VisitStatus.DONE,
                summary=(
                    "ให้โรงงานเติบโตอย่างสมดุลโดยเชื่อมโยงทั้ง 4 มิติ ได้แก่ ความสำเร็จของธุรกิจ "
                    "การดูแลชุมชนและสังคม การรักษาสิ่งแวดล้อม และการกระจายรายได้สู่ชุมชน "
                    "ซึ่งจะขาดอย่างหนึ่งอย่างใดไปไม่ได้ ควรจัดตั้งนิคมอุตสาหกรรมให้โรงงานเข้าสู่ระบบ "
                    "เพื่อแก้ปัญหาผังเมืองและลดผลกระทบต่อสิ่งแวดล้อมและชุมชน"
                ),
            ),
            user=lead,
            figures_as_of=dt.date(2023, 2, 22),
        )
        report = visit.topic_reports.get(topic__order=10)
        report.office_report = (
            "สอจ.เชียงราย มีเจ้าหน้าที่ 30 คน ดำเนินงานภายใต้นโยบาย MIND ด้วยแนวทาง 4 มิติ "
            "เช่น การพัฒนาเกษตรอุตสาหกรรม 1 จังหวัด 1 ชุมชน (OPOAI-C) การเผยแพร่ความรู้ มอก.เอส "
            "การพัฒนาเมืองอุตสาหกรรมเชิงนิเวศ และการสร้างช่องทางธุรกิจตาม BCG Model"
        )
        report.findings = "ผู้ประกอบการยังขาดประสบการณ์ การสนับสนุนด้านเงินทุน และความรู้ด้านดิจิทัล"
        report.recommendations = "เชื่อมโยงการพัฒนาโรงงานทั้ง 4 มิติ และใช้งบประมาณอย่างสมดุล"
        report.save()
        done.visits += 1
        done.directives += _directives(
            visit, CHIANG_RAI_DIRECTIVES, due_on=dt.date(2023, 9, 30), units=units, by=lead
        )

    # 1/2567: the Head Inspector's online inspection of Phichit, 15 February 2567 (CE 2024).
    r2567 = _round(2567, 1, dt.date(2024, 1, 8), dt.date(2024, 3, 29), RoundStatus.CLOSED)
    if not Visit.objects.filter(round=r2567, office_id="66").exists():
        visit = rounds.visit_save(
            visit=Visit(
                round=r2567,
                office_id="66",
                starts_at=_at(dt.date(2024, 2, 15), 13, 30),
                mode=VisitMode.ONLINE,
                meeting_link="https://zoom.us/j/2567015001",
                lead_kind=VisitLead.HEAD_INSPECTOR,
                lead_name="นายวิษณุ ทับเที่ยง หัวหน้าผู้ตรวจราชการกระทรวงอุตสาหกรรม",
                office_people="นายสมปอง หวังรุ่งวิชัยศรี อุตสาหกรรมจังหวัดพิจิตร\nเจ้าหน้าที่ สอจ.พิจิตร",
                other_agencies=(
                    "ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 3 (นางเกษสุดา ดอนเมือง ผู้อำนวยการศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 3)"
                ),
                status=VisitStatus.DONE,
                summary=(
                    'ให้เจ้าหน้าที่ใช้ "หัว และใจ" ในการทำงาน ถ่ายทอดนโยบาย MIND ให้โรงงานในพื้นที่ '
                    "เติบโตอย่างยั่งยืนคู่ชุมชน และบูรณาการการทำงานร่วมกับจังหวัด หน่วยงานในพื้นที่ และภาคเอกชน"
                ),
            ),
            user=lead,
            figures_as_of=dt.date(2024, 2, 14),
        )
        done.visits += 1
        done.directives += _directives(
            visit, PHICHIT_DIRECTIVES, due_on=dt.date(2024, 6, 30), units=units, by=lead
        )

    # Round 1 of the running fiscal year, its dates around today so that the demo stays alive.
    fiscal_year = current_fiscal_year()
    today = timezone.localdate()
    start, end = fiscal_year_range(fiscal_year)
    opens = max(start, today - dt.timedelta(days=45))
    current = _round(
        fiscal_year, 1, opens, min(end, opens + dt.timedelta(days=120)), RoundStatus.OPEN
    )
    offices = Office.objects.filter(is_active=True).select_related("region").order_by("pk")
    if not all_offices:
        offices = offices.filter(region__number__in=(3, 16, 18))
    have = set(current.visits.values_list("office_id", flat=True))
    for office in offices:
        if office.pk in have:
            continue
        held = rng.random() < 0.6
        day = (
            opens + dt.timedelta(days=rng.randint(1, 30))
            if held
            else today + dt.timedelta(days=rng.randint(3, 40))
        )
        visit = rounds.visit_save(
            visit=Visit(
                round=current,
                office=office,
                starts_at=_at(day, rng.choice((9, 10, 13))),
                mode=rng.choice((VisitMode.ON_SITE, VisitMode.ONLINE)),
                lead_kind=VisitLead.REGION_INSPECTOR,
                lead_name=f"ผู้ตรวจราชการกระทรวง {office.region}",
                status=VisitStatus.DONE if held else VisitStatus.PLANNED,
            ),
            user=lead,
            figures_as_of=min(day, today) - dt.timedelta(days=1) if held else None,
        )
        done.visits += 1
        if held:
            picked = rng.sample(ROUND_DIRECTIVES, rng.randint(1, 3))
            done.directives += _directives(
                visit,
                [DemoDirective(text, unit, topic) for text, unit, topic in picked],
                # Some were due before today and are still open: overdue on the tracker.
                due_on=rng.choice(
                    (today - dt.timedelta(days=rng.randint(1, 10)), today + dt.timedelta(days=30))
                ),
                units=units,
                by=lead,
            )
            if rng.random() < 0.5:
                report = visit.topic_reports.order_by("topic__order").first()
                report.office_report = "สำนักงานได้ดำเนินการตามแผนและรายงานผลตามประเด็นแล้ว"
                report.save(update_fields=["office_report"])
    done.rounds = InspectionRound.objects.count()
    return done
