"""Bring a whole action plan in from Excel or Word and take it out again.

`plan.py` holds the plan as plain data (what a workbook or document says), `xlsx.py` and
`docx.py` read and write it, `services.py` compares it with a programme and applies it in
one transaction; `views.py` is the upload -> preview -> confirm flow and the exports.
"""
