"""Dados de apoio dos testes do FUNPEN (regras e serviços)."""

from __future__ import annotations

CNPJS = ["11222333000181", "99900101000186", "99900102000120"]  # dígitos verificadores corretos

# outra documentação de preço (Portaria DEPEN 250/2015, art. 2º, § 1º) com os dados do fornecedor, sem o CNPJ
DOCUMENTO_DA_ATA = dict(
    descricao="Ata de registro de preços nº 12/2015",
    fornecedor="Fornecedor da ata",
    contato="(61) 3333-0000",
)
