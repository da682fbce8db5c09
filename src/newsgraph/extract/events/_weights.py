"""Factuality weights: written by ``benchmarks/fit_factuality.py`` (LAD fit on UW train)."""

WEIGHTS: dict[str, float] = {
    "bias": 2.971,
    "ancestor_nonfactual": -0.413,  # 309 train targets
    "bare": -0.886,  # 69 train targets
    "can": -1.015,  # 59 train targets
    "claim_denied": -0.141,  # 51 train targets
    "claim_hedged": -0.013,  # 207 train targets
    "claim_unverified": -0.216,  # 21 train targets
    "cond": -1.527,  # 95 train targets
    "future": -0.383,  # 258 train targets
    "gerund": -0.103,  # 981 train targets
    "gov_belief": -0.394,  # 77 train targets
    "gov_cond": -0.601,  # 49 train targets
    "gov_factive": -0.111,  # 48 train targets
    "gov_intent": -0.237,  # 593 train targets
    "gov_modal": -0.370,  # 382 train targets
    "gov_neg": -0.859,  # 135 train targets
    "gov_negimpl": -1.713,  # 99 train targets
    "gov_posimpl": 0.053,  # 147 train targets
    "gov_report": 0.002,  # 803 train targets
    "hedge": -0.376,  # 23 train targets
    "is_report": 0.014,  # 1185 train targets
    "modal_strong": -1.178,  # 49 train targets
    "modal_weak": -1.458,  # 107 train targets
    "neg": -4.531,  # 227 train targets
    "noun": -0.185,  # 2507 train targets
    "participle": 0.015,  # 438 train targets
    "past": 0.020,  # 2120 train targets
    "possibility": -0.540,  # 115 train targets
    "present": -0.016,  # 686 train targets
    "purpose": 0.197,  # 193 train targets
    "relcl": 0.007,  # 372 train targets
    "to_inf": -1.178,  # 976 train targets
    "would": -0.950,  # 150 train targets
}
