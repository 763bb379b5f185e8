"""平安建设指标对比 — run with: streamlit run dashboard.py"""
from pingan.app import main

main()
