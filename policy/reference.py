"""The four MIND dimensions as the 2023 policy names them (DOMAIN.md, seed 000)."""

from __future__ import annotations

DIMENSIONS: tuple[tuple[str, int, str, str, str], ...] = (
    (
        "business",
        1,
        "ความสำเร็จของธุรกิจ",
        "Business success",
        "การประกอบกิจการที่มั่นคง ถูกต้องตามใบอนุญาต และเติบโตได้",
    ),
    (
        "community",
        2,
        "การดูแลชุมชนและสังคม",
        "Care for the community and society",
        "ความปลอดภัย การไม่ก่อเหตุเดือดร้อนรำคาญ การรับฟังและแก้ไขเรื่องร้องเรียน",
    ),
    (
        "environment",
        3,
        "การรักษาสิ่งแวดล้อม",
        "Protecting the environment",
        "น้ำเสีย มลพิษอากาศ กากอุตสาหกรรม และอุตสาหกรรมสีเขียว",
    ),
    (
        "income",
        4,
        "การกระจายรายได้สู่ชุมชน",
        "Distributing income to the community",
        "การจ้างงานคนในพื้นที่ การซื้อวัตถุดิบและบริการจากชุมชน",
    ),
)
