"""Rotas HTTP próprias (Starlette), servidas ao lado do Streamlit pela entrada ASGI."""
