"""Páginas do Streamlit, carregadas pelo caminho do arquivo (`st.Page` em app.py); o pacote serve aos
contratos de camadas (import-linter)."""
