"""The MIND policy's reference data: the default scoring rubric (terms in docs/domain.md)."""

from __future__ import annotations

# --- the default scoring rubric -------------------------------------------------------------
#
# Shipped published for the current and the previous fiscal year; an admin tunes a copy as a
# new version. Each rule: dimension, source, weight, params, and the reason as its note.
# Weights are relative within a dimension: the inspection's own findings (compliance) weigh
# most because they are what an officer saw; register facts adjust them.

DEFAULT_THRESHOLDS = {"business": 60, "community": 60, "environment": 60, "income": 60}
"""60 of 100 in every dimension: a factory that meets most of what is checked in each area.

Sixty is the pass mark officers know from the ministry's own evaluations; it is data, tuned
per fiscal year in admin."""

DEFAULT_OVERALL_MARGIN = 10
"""The overall may sit at most 10 points above the weakest dimension (see policy.scoring)."""

SEVERITY_WEIGHTS = {"low": 1, "medium": 2, "high": 3, "critical": 4}
OWN_RULE_ITEMS = ["GEN-05", "GEN-11", "GEN-12"]
COMPLAINT_STATUS_WEIGHTS = {"open": 2, "investigating": 2, "resolved": 1, "closed": 0.5}
ORDER_STATUS_WEIGHTS = {"open": 1, "overdue": 2, "escalated": 3, "complied": 0, "cancelled": 0}
ORDER_SECTION_WEIGHTS = {"s37": 1, "s39": 2}
LOAN_STATUS_WEIGHTS = {"normal": 0, "watch": 1, "npl": 2}
ENVIRONMENT_COMPLAINTS = ["smell", "dust", "fumes", "hazardous_waste", "wastewater"]
COMPLIANCE_PARAMS = {"severity_weights": SEVERITY_WEIGHTS, "exclude_codes": OWN_RULE_ITEMS}

DEFAULT_RULES: tuple[tuple[str, str, int, dict, str], ...] = (
    (
        "business",
        "compliance",
        3,
        COMPLIANCE_PARAMS,
        "การประกอบกิจการตรงตามใบอนุญาตและยื่นรายงานครบ คือพื้นฐานของธุรกิจที่มั่นคง "
        "ข้อบกพร่องร้ายแรงมีน้ำหนักมากกว่าข้อบกพร่องเล็กน้อย",
    ),
    (
        "business",
        "orders",
        1,
        {
            "status_weights": ORDER_STATUS_WEIGHTS,
            "section_weights": ORDER_SECTION_WEIGHTS,
            "points_per_unit": 25,
        },
        "คำสั่งที่ยังไม่ปฏิบัติ โดยเฉพาะคำสั่งหยุดประกอบกิจการตามมาตรา 39 กระทบความต่อเนื่องของธุรกิจ",
    ),
    (
        "business",
        "isingle_form",
        1,
        {"points_filed": 100, "points_not_filed": 0},
        "การยื่นแบบ iSingle Form ประจำปีแสดงการประกอบกิจการที่ถูกต้องและเปิดเผยข้อมูลต่อทางราชการ",
    ),
    (
        "business",
        "loans",
        1,
        {"status_weights": LOAN_STATUS_WEIGHTS, "points_per_unit": 40},
        "สินเชื่อที่อยู่ในสถานะเฝ้าระวังหรือเป็นหนี้ไม่ก่อให้เกิดรายได้ (NPL) บอกถึงธุรกิจที่กำลังลำบาก "
        "ควรติดตามและประสาน ธพว. แต่เนิ่น ๆ",
    ),
    (
        "community",
        "compliance",
        3,
        COMPLIANCE_PARAMS,
        "ความปลอดภัย การไม่ก่อเหตุเดือดร้อนรำคาญ และการแก้ไขเรื่องร้องเรียนตามที่ตรวจพบ",
    ),
    (
        "community",
        "complaints",
        2,
        {"status_weights": COMPLAINT_STATUS_WEIGHTS, "categories": [], "points_per_unit": 20},
        "ทุกเรื่องร้องเรียนในปีลดคะแนน เรื่องที่ยังไม่แก้ไขลดมากกว่าเรื่องที่แก้ไขแล้ว (5 เรื่องค้าง = 0)",
    ),
    (
        "community",
        "community_activities",
        1,
        {"item_code": "GEN-12", "points_yes": 100, "points_no": 0},
        "กิจกรรมร่วมกับชุมชนหรือช่องทางรับฟังความเห็นของชุมชนในรอบปี",
    ),
    (
        "community",
        "orders",
        1,
        {
            "status_weights": ORDER_STATUS_WEIGHTS,
            "section_weights": ORDER_SECTION_WEIGHTS,
            "points_per_unit": 25,
        },
        "คำสั่งที่ค้างหรือถูกยกระดับแสดงว่าผลกระทบต่อชุมชนยังไม่ได้รับการแก้ไข",
    ),
    (
        "environment",
        "compliance",
        3,
        COMPLIANCE_PARAMS,
        "น้ำทิ้ง อากาศ กากอุตสาหกรรม ตามค่ามาตรฐานที่ตรวจวัดได้จริง",
    ),
    (
        "environment",
        "green_industry",
        2,
        {"points_by_level": {"0": 0, "1": 40, "2": 55, "3": 70, "4": 85, "5": 100}},
        "เป้าหมายให้โรงงานร้อยละ 90 ได้รับการรับรอง การได้รับการรับรองระดับแรกจึงมีค่ามากที่สุด แล้วเพิ่มขึ้นตามระดับ",
    ),
    (
        "environment",
        "complaints",
        1,
        {
            "status_weights": COMPLAINT_STATUS_WEIGHTS,
            "categories": ENVIRONMENT_COMPLAINTS,
            "points_per_unit": 20,
        },
        "เฉพาะเรื่องร้องเรียนด้านกลิ่น ฝุ่น ไอสารเคมี ของเสียอันตราย และน้ำเสีย",
    ),
    (
        "environment",
        "orders",
        1,
        {
            "status_weights": ORDER_STATUS_WEIGHTS,
            "section_weights": ORDER_SECTION_WEIGHTS,
            "points_per_unit": 25,
        },
        "คำสั่งให้แก้ไขที่ยังไม่ปฏิบัติ",
    ),
    (
        "income",
        "local_employment",
        2,
        {"item_code": "GEN-05", "full_marks_at": 80},
        "คนงานในจังหวัดร้อยละ 80 ขึ้นไปได้คะแนนเต็ม ต่ำกว่านั้นลดตามสัดส่วน",
    ),
    (
        "income",
        "local_purchasing",
        1,
        {"item_code": "GEN-11", "full_marks_at": 50},
        "ซื้อวัตถุดิบและบริการในจังหวัดร้อยละ 50 ขึ้นไปได้คะแนนเต็ม ต่ำกว่านั้นลดตามสัดส่วน",
    ),
    (
        "income",
        "compliance",
        1,
        COMPLIANCE_PARAMS,
        "ข้อตรวจอื่นที่ติดมิติการกระจายรายได้ (ถ้ามี)",
    ),
)
