"""Camada de serviços: regras, consultas, importação/exportação, gráficos.

Nenhum módulo daqui importa Streamlit, salvo os decoradores de cache.
"""
