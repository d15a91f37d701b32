#!/usr/bin/env python3
"""Writes models/baseline.json, the embedded default model, from the figures in data/.

Run from the repository root: python3 scripts/make-baseline.py [OUT]
The model is kept as a script because its series are arithmetic on data rows
(linear ramps between reported years, quarterly conversions); the JSON is
committed and tests/cli/data_sources.sh fails when the two drift apart.
Every object that carries figures names its data rows in `_source`
("data/FILE.csv#ROW") and/or says in `_assumption` what was assumed.
Money is in thousand USD (kUSD); quantities are per quarter.
Standard library only; output is deterministic.
"""
import json
import os
import sys

T = 12
PERIODS = [f"{y}Q{q}" for y in (2025, 2026, 2027) for q in (1, 2, 3, 4)]


def idx(label):
    return PERIODS.index(label)


def flat(v):
    return v


def steps(*pairs):
    """steps((period, value), ...): value holds from its period until the next."""
    out = [0.0] * T
    for i, (p, v) in enumerate(pairs):
        a = idx(p)
        b = idx(pairs[i + 1][0]) if i + 1 < len(pairs) else T
        for t in range(a, b):
            out[t] = v
    return [num(x) for x in out]


def ramp(p0, v0, p1, v1):
    """v0 up to p0, linear to v1 at p1, v1 after."""
    a, b = idx(p0), idx(p1)
    out = []
    for t in range(T):
        if t <= a:
            x = v0
        elif t >= b:
            x = v1
        else:
            x = v0 + (v1 - v0) * (t - a) / (b - a)
        out.append(num(round(x, 2)))
    return out


def num(x):
    x = float(x)
    return int(x) if x == int(x) else x


def src(*rows):
    return " ".join(f"data/{r}" for r in rows)


# ---------------------------------------------------------------- countries
EU_NO = ["DE", "CZ", "PL", "FI", "FR", "LT", "NO"]
EUROPE = ["DE", "CZ", "PL", "FI", "NO", "GB", "FR", "LT"]
countries = [{"id": "UA", "bloc": "ukraine"}]
countries += [{"id": c, "bloc": "western"} for c in ["US", "CA"] + EUROPE]
countries += [{"id": c, "bloc": "other"} for c in ["IN", "CN"]]

# ---------------------------------------------------------------- products
MASS = "costs.csv#mass_155"
products = [
    {"id": "shell_155", "name": "155 mm artillery round", "category": "munitions",
     "unit": "round", "mass": 0.06, "holding_cost": 0.02,
     "_source": src("costs.csv#mass_155", "costs.csv#holding_cost")},
    {"id": "mortar_120", "name": "Mortar round (60/82/120 mm)", "category": "munitions",
     "unit": "round", "mass": 0.02, "_source": src("costs.csv#mass_mortar")},
    {"id": "gmlrs", "name": "GMLRS guided rocket", "category": "munitions",
     "unit": "rocket", "mass": 0.4, "_source": src("costs.csv#mass_gmlrs")},
    {"id": "howitzer", "name": "155 mm self-propelled howitzer", "category": "artillery",
     "unit": "system", "mass": 40, "_source": src("costs.csv#mass_howitzer")},
    {"id": "fpv_drone", "name": "FPV strike drone", "category": "drones", "unit": "drone",
     "mass": 0.002, "_assumption": "about 2 kg with its warhead and packaging"},
    {"id": "lr_drone", "name": "Long-range strike drone (FP-1 class)", "category": "drones",
     "unit": "drone", "mass": 0.25,
     "_assumption": "about 250 kg; made in Ukraine, so the mass never loads a corridor"},
    {"id": "interceptor_drone", "name": "Interceptor drone (counter-Shahed)",
     "category": "drones", "unit": "drone", "mass": 0.003,
     "_assumption": "about 3 kg; made in Ukraine"},
    {"id": "patriot_msl", "name": "Patriot interceptor (PAC-3 MSE / GEM-T)",
     "category": "air_defense", "unit": "missile", "mass": 1.0,
     "_source": src("costs.csv#mass_msl")},
    {"id": "iris_t_msl", "name": "IRIS-T SLM missile", "category": "air_defense",
     "unit": "missile", "mass": 1.0, "_source": src("costs.csv#mass_msl")},
]

# ---------------------------------------------------------------- components
components = [
    {"id": "tnt_rdx", "name": "High explosive fill (TNT, RDX, IMX)", "unit": "t",
     "initial": 0, "_assumption": "no stock of fill is assumed at the start"},
    {"id": "nitrocellulose", "name": "Nitrocellulose propellant powder", "unit": "t",
     "initial": 0, "_assumption": "no stock assumed at the start"},
    {"id": "propellant_charge", "name": "155 mm propellant charge set (MACS / modular)",
     "unit": "charge set", "initial": 0, "_assumption": "no stock assumed at the start"},
    {"id": "fuze", "name": "Artillery and mortar fuze", "unit": "fuze", "initial": 0,
     "_assumption": "no stock assumed at the start"},
    {"id": "drone_parts", "name": "Drone motor and flight-controller set", "unit": "set",
     "initial": 0, "_assumption": "no stock assumed at the start"},
    {"id": "patriot_seeker", "name": "Patriot interceptor seeker", "unit": "seeker",
     "controlled": "ITAR", "origin": "US", "initial": 0,
     "_assumption": "US-made and ITAR-controlled; no stock outside US production assumed"},
    {"id": "gmlrs_guidance", "name": "GMLRS guidance set", "unit": "set",
     "controlled": "ITAR", "origin": "US", "initial": 0,
     "_assumption": "US-made and ITAR-controlled; no stock assumed"},
]

# ---------------------------------------------------------------- lines
UA_AV = 0.85
BOM_155_US = {"tnt_rdx": 0.0108, "propellant_charge": 1, "fuze": 1}
BOM_155_UA = {"tnt_rdx": 0.0108, "nitrocellulose": 0.012, "fuze": 1}
BOM_MORTAR = {"tnt_rdx": 0.0022, "nitrocellulose": 0.0004, "fuze": 1}
S_BOM155 = src("energetics.csv#fill_155_t")
S_EU155 = src("costs.csv#cost_155_eu_kusd", "workforce.csv#unterluss_labor")


def produce(product, cost, labor, bom=None, source=None, assumption=None, rate=None):
    p = {"product": product}
    if rate is not None:
        p["rate"] = rate
    p["cost"] = cost
    p["labor"] = labor
    if bom:
        p["bom"] = bom
    if source:
        p["_source"] = source
    if assumption:
        p["_assumption"] = assumption
    return p


def eu_shell():
    return produce("shell_155", 8.64, 0.004, source=S_EU155,
                   assumption="European plants deliver complete rounds (own fill, charge and fuze) at the European price")


lines = [
    # ---- Ukraine: state
    {"id": "ua_state_shells", "name": "Ukrainian state 155 mm shell lines", "country": "UA",
     "operator": "Ukrainian Defense Industry (state)",
     "capacity": ramp("2025Q1", 20000, "2027Q4", 60000), "availability": UA_AV,
     "ramp": 0.3, "ramp_floor": 5000, "output0": 15000,
     "produces": [produce("shell_155", 2.0, 0.006, BOM_155_UA,
                          src("costs.csv#cost_155_ua", "workforce.csv#ua_shell_labor",
                              "energetics.csv#fill_155_t", "energetics.csv#nc_155_t"))],
     "_source": src("shells.csv#ua_state_155_q", "strikes.csv#ua_availability"),
     "_assumption": "growth limited to 30% a quarter (plus 5000) from 15000 in 2024Q4"},
    {"id": "ua_state_mortar", "name": "Ukrainian state mortar-round lines", "country": "UA",
     "operator": "Ukrainian Defense Industry (state)",
     "capacity": ramp("2025Q1", 200000, "2027Q4", 260000), "availability": UA_AV,
     "produces": [produce("mortar_120", 0.6, 0.006, BOM_MORTAR,
                          src("costs.csv#cost_mortar_ua", "workforce.csv#ua_shell_labor",
                              "energetics.csv#fill_mortar_t", "energetics.csv#nc_mortar_t"))],
     "_source": src("shells.csv#ua_mortar_q", "strikes.csv#ua_availability"),
     "_assumption": "state lines grow 30% by 2027"},
    {"id": "ua_private_mortar", "name": "Ukrainian private mortar-round makers", "country": "UA",
     "operator": "Ukrainian private makers",
     "capacity": ramp("2025Q1", 280000, "2027Q4", 400000), "availability": UA_AV,
     "expansion": {"cost": 1.5, "lead": 1, "max": 200000,
                   "_source": src("costs.csv#expansion_cost_mortar_ua"),
                   "_assumption": "up to 200000 rounds a quarter more, usable the quarter after it is paid"},
     "produces": [produce("mortar_120", 0.6, 0.006, BOM_MORTAR,
                          src("costs.csv#cost_mortar_ua", "workforce.csv#ua_shell_labor",
                              "energetics.csv#fill_mortar_t", "energetics.csv#nc_mortar_t"))],
     "_source": src("shells.csv#ua_mortar_q", "strikes.csv#ua_availability"),
     "_assumption": "private makers grow faster than state lines (to 400000 by 2027)"},
    {"id": "ua_bohdana", "name": "Bohdana self-propelled howitzer", "country": "UA",
     "operator": "Ukrainian Defense Industry (state)",
     "capacity": ramp("2025Q1", 60, "2025Q4", 120), "availability": UA_AV,
     "produces": [produce("howitzer", 2500, 40, source=src("rockets.csv#howitzer_cost_ua",
                                                          "rockets.csv#howitzer_labor"))],
     "_source": src("rockets.csv#bohdana_q", "strikes.csv#ua_availability")},
    {"id": "ua_state_lr", "name": "Ukrainian state long-range drones", "country": "UA",
     "operator": "Ukrainian Defense Industry (state)", "capacity": 1500, "availability": UA_AV,
     "produces": [produce("lr_drone", 50.76, 0.1, {"tnt_rdx": 0.06},
                          src("drones.csv#fp1_cost_kusd", "drones.csv#lr_labor",
                              "energetics.csv#fill_lr_drone_t"),
                          "state drones priced like the FP-1")],
     "_source": src("drones.csv#lr_state_q", "strikes.csv#ua_availability")},
    # ---- Ukraine: private
    {"id": "ua_fpv_large", "name": "Large Ukrainian FPV makers", "country": "UA",
     "operator": "Ukrainian private makers",
     "capacity": ramp("2025Q1", 600000, "2025Q3", 1500000), "availability": UA_AV,
     "expansion": {"cost": 0.2, "lead": 1, "max": 500000,
                   "_source": src("costs.csv#expansion_cost_fpv")},
     "produces": [produce("fpv_drone", 0.58, 0.00222, {"drone_parts": 1},
                          src("drones.csv#fpv_unit_cost", "drones.csv#fpv_labor"))],
     "_source": src("drones.csv#fpv_capacity_q", "strikes.csv#ua_availability")},
    {"id": "ua_fpv_small", "name": "Small Ukrainian FPV workshops", "country": "UA",
     "operator": "Ukrainian volunteer and small workshops",
     "capacity": ramp("2025Q1", 400000, "2025Q3", 1000000), "availability": 0.95,
     "produces": [produce("fpv_drone", 0.58, 0.00222, {"drone_parts": 1},
                          src("drones.csv#fpv_unit_cost", "drones.csv#fpv_labor"))],
     "_source": src("drones.csv#fpv_capacity_q"),
     "_assumption": "dispersed workshops lose less to strikes (availability 0.95)"},
    {"id": "ua_interceptors", "name": "Ukrainian interceptor-drone makers", "country": "UA",
     "operator": "Ukrainian private makers",
     "capacity": ramp("2025Q1", 6000, "2026Q1", 45000), "availability": UA_AV,
     "produces": [produce("interceptor_drone", 4.25, 0.006, {"drone_parts": 1},
                          src("drones.csv#interceptor_cost", "drones.csv#interceptor_labor"))],
     "_source": src("drones.csv#interceptor_q", "strikes.csv#ua_availability")},
    {"id": "ua_fire_point", "name": "Fire Point FP-1 long-range drones", "country": "UA",
     "operator": "Fire Point", "capacity": 6000, "availability": UA_AV,
     "produces": [produce("lr_drone", 50.76, 0.1, {"tnt_rdx": 0.06},
                          src("drones.csv#fp1_cost_kusd", "drones.csv#lr_labor",
                              "energetics.csv#fill_lr_drone_t"))],
     "_source": src("drones.csv#fp1_q", "strikes.csv#ua_availability")},
    # ---- Ukraine: joint ventures
    {"id": "ua_rheinmetall_jv", "name": "Rheinmetall 155 mm plant in Ukraine", "country": "UA",
     "operator": "Rheinmetall-Ukrainian Defense Industry JV", "start": "2026Q3",
     "capacity": 37500, "availability": 0.8,
     "expansion": {"cost": 6.17, "lead": 2, "max": 37500, "step": 37500,
                   "_source": src("costs.csv#expansion_cost_unterluss", "shells.csv#rheinmetall_ua_jv_q"),
                   "_assumption": "the doubling is one indivisible investment, usable two quarters after it is paid"},
     "produces": [produce("shell_155", 3.5, 0.004, BOM_155_US,
                          src("costs.csv#cost_155_jv", "workforce.csv#unterluss_labor",
                              "energetics.csv#fill_155_t"))],
     "_source": src("shells.csv#rheinmetall_ua_jv_start", "shells.csv#rheinmetall_ua_jv_q",
                    "shells.csv#rheinmetall_ua_jv_launch", "shells.csv#rheinmetall_ua_jv_start_q",
                    "strikes.csv#ua_jv_availability")},
    {"id": "ua_gbad_jv", "name": "GBAD interceptor co-production in Ukraine", "country": "UA",
     "operator": "US-Ukrainian GBAD joint venture", "start": "2025Q3",
     "capacity": 25, "availability": 0.8, "license": "itar_gbad_ua",
     "produces": [produce("patriot_msl", 5172, 3, {"patriot_seeker": 1},
                          src("air_defense.csv#pac3_cost", "air_defense.csv#ad_labor"),
                          "final assembly in Ukraine around a US seeker, priced like a PAC-3 MSE")],
     "_source": src("air_defense.csv#ua_gbad_q", "strikes.csv#ua_jv_availability"),
     "_assumption": "a hypothetical programme: the CEPA report recommends in-country GBAD production with the proper licensing"},
    # ---- United States
    {"id": "us_155_goco", "name": "US Army 155 mm plants (Scranton, Wilkes-Barre, Iowa)",
     "country": "US", "operator": "US Army GOCO",
     "capacity": steps(("2025Q1", 72000), ("2026Q1", 90000), ("2026Q2", 120000),
                       ("2026Q3", 150000), ("2026Q4", 180000)),
     "expansion": {"cost": 19.5, "lead": 4, "max": 60000,
                   "_source": src("costs.csv#expansion_cost_us"),
                   "_assumption": "further expansion beyond the plan, usable a year after it is paid"},
     "produces": [produce("shell_155", 2.3, 0.004, BOM_155_US,
                          src("costs.csv#cost_155_us_line", "workforce.csv#unterluss_labor",
                              "energetics.csv#fill_155_t"))],
     "_source": src("shells.csv#us_155_goco_q", "shells.csv#us_155_ramp_2026", "shells.csv#us_155_split")},
    {"id": "us_155_mesquite", "name": "GD-OTS 155 mm plant (Mesquite, TX)", "country": "US",
     "operator": "General Dynamics OTS",
     "capacity": steps(("2025Q1", 48000), ("2026Q1", 60000), ("2026Q2", 80000),
                       ("2026Q3", 100000), ("2026Q4", 120000)),
     "produces": [produce("shell_155", 2.3, 0.004, BOM_155_US,
                          src("costs.csv#cost_155_us_line", "workforce.csv#unterluss_labor",
                              "energetics.csv#fill_155_t"))],
     "_source": src("shells.csv#us_155_mesquite_q", "shells.csv#us_155_ramp_2026", "shells.csv#us_155_split")},
    {"id": "us_gmlrs", "name": "GMLRS (Camden, AR)", "country": "US", "operator": "Lockheed Martin",
     "capacity": ramp("2025Q4", 2500, "2027Q1", 3500),
     "produces": [produce("gmlrs", 160, 0.5, {"tnt_rdx": 0.09, "gmlrs_guidance": 1},
                          src("rockets.csv#gmlrs_cost", "energetics.csv#fill_gmlrs_t"),
                          "labour 0.5 worker-quarters per rocket")],
     "_source": src("rockets.csv#gmlrs_q")},
    {"id": "us_pac3", "name": "PAC-3 MSE (Camden, AR)", "country": "US", "operator": "Lockheed Martin",
     "capacity": ramp("2026Q4", 155, "2027Q1", 162.5),
     "produces": [produce("patriot_msl", 5172, 3, {"patriot_seeker": 1},
                          src("air_defense.csv#pac3_cost", "air_defense.csv#ad_labor"))],
     "_source": src("air_defense.csv#pac3_q")},
    # ---- Germany
    {"id": "de_unterluss", "name": "Rheinmetall Unterluess", "country": "DE", "operator": "Rheinmetall",
     "capacity": steps(("2025Q1", 6250), ("2026Q1", 35000), ("2027Q1", 87500)),
     "produces": [eu_shell()], "_source": src("shells.csv#rheinmetall_unterluss_q")},
    {"id": "de_rheinmetall_other", "name": "Rheinmetall other 155 mm plants (aggregated)",
     "country": "DE", "operator": "Rheinmetall",
     "capacity": steps(("2025Q1", 168750), ("2026Q1", 178125), ("2027Q1", 187500)),
     "produces": [eu_shell()], "_source": src("shells.csv#rheinmetall_other_q"),
     "_assumption": "plants in Spain, Hungary and elsewhere are booked to Germany"},
    {"id": "de_diehl_iris_t", "name": "IRIS-T SLM missiles", "country": "DE", "operator": "Diehl Defence",
     "capacity": ramp("2025Q4", 112.5, "2027Q1", 500),
     "produces": [produce("iris_t_msl", 2047, 3, source=src("air_defense.csv#iris_t_cost",
                                                           "air_defense.csv#ad_labor"))],
     "_source": src("air_defense.csv#iris_t_msl_q", "air_defense.csv#iris_t_aim_q")},
    {"id": "de_comlog_gemt", "name": "GEM-T (Schrobenhausen)", "country": "DE",
     "operator": "COMLOG (MBDA/Raytheon)", "start": "2026Q3", "capacity": 40,
     "produces": [produce("patriot_msl", 5600, 3, {"patriot_seeker": 1},
                          src("air_defense.csv#gemt_cost", "air_defense.csv#ad_labor"))],
     "_source": src("air_defense.csv#gemt_q", "air_defense.csv#gemt_total")},
    {"id": "de_mbda_pac3", "name": "PAC-3 MSE assembly in Germany", "country": "DE",
     "operator": "MBDA Deutschland", "start": "2026Q1", "capacity": 30, "license": "itar_pac3_de",
     "produces": [produce("patriot_msl", 5172, 3, {"patriot_seeker": 1},
                          src("air_defense.csv#pac3_cost", "air_defense.csv#ad_labor"))],
     "_source": src("air_defense.csv#pac3_de_q")},
    {"id": "de_knds_howitzer", "name": "European self-propelled howitzers (aggregated)",
     "country": "DE", "operator": "KNDS Deutschland", "capacity": 25,
     "produces": [produce("howitzer", 9000, 40, source=src("rockets.csv#howitzer_cost_eu",
                                                          "rockets.csv#howitzer_labor"))],
     "_source": src("rockets.csv#eu_howitzers_ua_q")},
    # ---- rest of Europe
    {"id": "cz_csg_shells", "name": "CSG 155 mm plants", "country": "CZ",
     "operator": "Czechoslovak Group", "capacity": 15000, "produces": [eu_shell()],
     "_source": src("shells.csv#csg_cz_q")},
    {"id": "pl_pgz_shells", "name": "PGZ 155 mm (Dezamet, Mesko)", "country": "PL", "operator": "PGZ",
     "capacity": ramp("2025Q1", 10000, "2027Q1", 37500), "produces": [eu_shell()],
     "_source": src("shells.csv#pgz_pl_q")},
    {"id": "pl_gmlrs", "name": "GMLRS co-production in Poland", "country": "PL",
     "operator": "WB Group / Lockheed Martin", "start": "2026Q1", "capacity": 250,
     "license": "itar_gmlrs_pl",
     "produces": [produce("gmlrs", 160, 0.5, {"tnt_rdx": 0.09, "gmlrs_guidance": 1},
                          src("rockets.csv#gmlrs_cost", "energetics.csv#fill_gmlrs_t"))],
     "_source": src("rockets.csv#gmlrs_pl_q")},
    {"id": "fi_nammo_lapua", "name": "Nammo Lapua 155 mm", "country": "FI", "operator": "Nammo",
     "capacity": 5000, "produces": [eu_shell()], "_source": src("shells.csv#nammo_fi_q")},
    {"id": "no_nammo_raufoss", "name": "Nammo Raufoss 155 mm", "country": "NO", "operator": "Nammo",
     "capacity": ramp("2025Q1", 2500, "2027Q1", 25000), "produces": [eu_shell()],
     "_source": src("shells.csv#nammo_no_q", "shells.csv#nammo_no_deal")},
    {"id": "gb_bae_glascoed", "name": "BAE Systems Glascoed 155 mm", "country": "GB",
     "operator": "BAE Systems",
     "capacity": steps(("2025Q1", 1000), ("2026Q1", 2000), ("2026Q2", 8000), ("2026Q3", 20000)),
     "produces": [eu_shell()], "_source": src("shells.csv#glascoed_q"),
     "_assumption": "the climb to full rate over 2026Q1-Q2 is assumed"},
    {"id": "fr_knds_shells", "name": "KNDS France 155 mm", "country": "FR", "operator": "KNDS France",
     "capacity": ramp("2025Q1", 10000, "2027Q1", 20000), "produces": [eu_shell()],
     "_source": src("shells.csv#knds_fr_q")},
    {"id": "lt_baisogala", "name": "Rheinmetall Baisogala 155 mm", "country": "LT",
     "operator": "Rheinmetall", "start": "2027Q1", "capacity": 7500, "produces": [eu_shell()],
     "_source": src("shells.csv#baisogala_shells_q")},
]

# ---------------------------------------------------------------- Ukraine's share
# A Western plant also fills its own country's and other buyers' orders; only a
# share of its output is offered to Ukraine. The share is the line's
# `availability` (the part of capacity the model may use), so `capacity` stays
# the reported whole output and `--set lines.X.availability=1` asks what all of
# it would do. Lines whose capacity row is already Ukraine's part (European
# howitzers, CSG) keep availability 1.
SHARE_US_155 = (0.5, "shells.csv#ua_share_us_155")
SHARE_EU_155 = (0.5, "shells.csv#ua_share_eu_155")
SHARE_GMLRS = (0.25, "rockets.csv#ua_share_gmlrs")
SHARE_PAC3 = (0.1, "air_defense.csv#ua_share_pac3")
SHARE_PATRIOT_EU = (0.25, "air_defense.csv#ua_share_patriot_eu")
SHARE_IRIS_T = (0.5, "air_defense.csv#ua_share_iris_t")
UA_SHARE = {
    "us_155_goco": SHARE_US_155, "us_155_mesquite": SHARE_US_155,
    "us_gmlrs": SHARE_GMLRS, "pl_gmlrs": SHARE_GMLRS, "us_pac3": SHARE_PAC3,
    "de_comlog_gemt": SHARE_PATRIOT_EU, "de_mbda_pac3": SHARE_PATRIOT_EU,
    "de_diehl_iris_t": SHARE_IRIS_T,
    "de_unterluss": SHARE_EU_155, "de_rheinmetall_other": SHARE_EU_155,
    "pl_pgz_shells": SHARE_EU_155, "fi_nammo_lapua": SHARE_EU_155,
    "no_nammo_raufoss": SHARE_EU_155, "gb_bae_glascoed": SHARE_EU_155,
    "fr_knds_shells": SHARE_EU_155, "lt_baisogala": SHARE_EU_155,
}


def with_share(line):
    """The line with availability = Ukraine's share, placed after capacity."""
    share, row = UA_SHARE[line["id"]]
    out = {}
    for k, v in line.items():
        if k == "_source":
            v = v + " " + src(row)
        out[k] = v
        if k == "capacity":
            out["availability"] = share
    return out


lines = [with_share(ln) if ln["id"] in UA_SHARE else ln for ln in lines]
assert all(ln["country"] != "UA" for ln in lines if ln["id"] in UA_SHARE)
assert not set(UA_SHARE) - {ln["id"] for ln in lines}

# ---------------------------------------------------------------- suppliers
TNT = src("energetics.csv#tnt_cost_kusd_t")
US_155 = src(SHARE_US_155[1])


def us_part(series):
    """Ukraine's part of a US energetics supplier sized to the whole US 155 mm programme."""
    s = series if isinstance(series, list) else [series]
    out = [num(round(x * SHARE_US_155[0], 2)) for x in s]
    return out if isinstance(series, list) else out[0]


suppliers = [
    {"id": "us_holston", "component": "tnt_rdx", "country": "US", "operator": "BAE Systems (Holston AAP)",
     "capacity": us_part(1800), "cost": 44.09, "lead": 1,
     "_source": src("energetics.csv#holston_q", "energetics.csv#holston_sole_rdx", "energetics.csv#tnt_cost_kusd_t") + " " + US_155},
    {"id": "pl_nitrochem", "component": "tnt_rdx", "country": "PL", "operator": "NitroChem",
     "capacity": 2500, "cost": 44.09,
     "_source": src("energetics.csv#nitrochem_pl_q", "energetics.csv#tnt_cost_kusd_t")},
    {"id": "no_chemring", "component": "tnt_rdx", "country": "NO", "operator": "Chemring Nobel",
     "capacity": ramp("2025Q1", 400, "2027Q1", 800), "cost": 44.09,
     "_source": src("energetics.csv#chemring_no_q", "energetics.csv#tnt_cost_kusd_t")},
    {"id": "in_solar", "component": "tnt_rdx", "country": "IN", "operator": "Solar Industries",
     "capacity": us_part(500), "cost": 44.09, "lead": 1,
     "_source": src("energetics.csv#solar_in_q", "energetics.csv#army_award_suppliers", "energetics.csv#tnt_cost_kusd_t") + " " + US_155,
     "_assumption": "shipping from India takes a quarter"},
    {"id": "ua_explosives", "component": "tnt_rdx", "country": "UA", "operator": "Ukrainian state chemical plants",
     "capacity": ramp("2025Q1", 400, "2027Q4", 900), "cost": 44.09,
     "_source": src("energetics.csv#ua_explosives_q", "energetics.csv#tnt_cost_kusd_t")},
    {"id": "us_radford", "component": "nitrocellulose", "country": "US", "operator": "BAE Systems (Radford AAP)",
     "capacity": us_part(900), "cost": 25, "lead": 1,
     "_source": src("energetics.csv#radford_q", "energetics.csv#radford_sole_nc", "energetics.csv#nc_cost") + " " + US_155},
    {"id": "fr_eurenco", "component": "nitrocellulose", "country": "FR", "operator": "Eurenco (Bergerac)",
     "capacity": 300, "cost": 25,
     "_source": src("energetics.csv#eurenco_bergerac_q", "energetics.csv#nc_cost")},
    {"id": "de_nitrochemie", "component": "nitrocellulose", "country": "DE", "operator": "Nitrochemie",
     "capacity": 400, "cost": 25,
     "_source": src("energetics.csv#nitrochemie_nc_q", "energetics.csv#nitrochemie_growth", "energetics.csv#nc_cost")},
    {"id": "ua_shostka", "component": "nitrocellulose", "country": "UA", "operator": "Shostka state plant",
     "capacity": ramp("2025Q1", 150, "2027Q4", 400), "cost": 25,
     "_source": src("energetics.csv#ua_nc_q", "energetics.csv#nc_cost")},
    {"id": "ca_valleyfield", "component": "propellant_charge", "country": "CA",
     "operator": "General Dynamics OTS (Valleyfield)", "capacity": us_part(ramp("2025Q1", 54000, "2027Q1", 90000)),
     "cost": 1.2, "lead": 1, "_source": src("energetics.csv#valleyfield_q", "energetics.csv#charge_cost") + " " + US_155},
    {"id": "cz_explosia", "component": "propellant_charge", "country": "CZ", "operator": "Explosia",
     "capacity": ramp("2025Q1", 20000, "2027Q1", 50000), "cost": 1.2,
     "_source": src("energetics.csv#explosia_charges_q", "energetics.csv#charge_cost")},
    {"id": "lt_baisogala_charges", "component": "propellant_charge", "country": "LT",
     "operator": "Rheinmetall (Baisogala)", "capacity": steps(("2025Q1", 0), ("2027Q1", 50000)),
     "cost": 1.2, "_source": src("energetics.csv#baisogala_charges_q", "energetics.csv#charge_cost")},
    {"id": "us_fuzes", "component": "fuze", "country": "US", "operator": "US fuze makers",
     "capacity": us_part(84750), "cost": 0.5, "lead": 1,
     "_source": src("energetics.csv#army_award_fuzes_q", "energetics.csv#fuze_cost") + " " + US_155},
    {"id": "de_junghans", "component": "fuze", "country": "DE", "operator": "Junghans Microtec (Diehl)",
     "capacity": 60000, "cost": 0.5, "_source": src("energetics.csv#fuze_eu_q", "energetics.csv#fuze_cost")},
    {"id": "ua_fuzes", "component": "fuze", "country": "UA", "operator": "Ukrainian fuze makers",
     "capacity": ramp("2025Q1", 150000, "2027Q4", 350000), "cost": 0.5,
     "_source": src("energetics.csv#fuze_ua_q", "energetics.csv#fuze_cost")},
    {"id": "cn_drone_parts", "component": "drone_parts", "country": "CN", "operator": "Chinese component makers",
     "capacity": ramp("2025Q1", 900000, "2027Q4", 700000), "cost": 0.08,
     "_source": src("drones.csv#cn_parts_q", "drones.csv#china_share", "drones.csv#parts_cost")},
    {"id": "ua_drone_parts", "component": "drone_parts", "country": "UA", "operator": "Ukrainian component makers",
     "capacity": ramp("2025Q1", 500000, "2027Q4", 2000000), "cost": 0.12,
     "_source": src("drones.csv#ua_parts_q", "drones.csv#parts_cost")},
    {"id": "us_seekers", "component": "patriot_seeker", "country": "US", "operator": "Boeing",
     "capacity": ramp("2025Q1", 200, "2027Q1", 230), "cost": 0,
     "_source": src("air_defense.csv#patriot_seekers_q"),
     "_assumption": "the seeker's price is inside the interceptor's unit cost"},
    {"id": "us_gmlrs_guidance", "component": "gmlrs_guidance", "country": "US", "operator": "Lockheed Martin",
     "capacity": ramp("2025Q1", 3000, "2027Q1", 4000), "cost": 0,
     "_assumption": "no public figure; set above US rocket output so that licensed partners could be supplied; its price is inside the rocket's unit cost"},
]

# ---------------------------------------------------------------- drawdowns
drawdowns = [
    {"id": "pda_155", "product": "shell_155", "country": "US",
     "available": steps(("2025Q1", 60000), ("2025Q3", 0)), "total": 120000, "cost": 4.0, "lead": 1,
     "_source": src("funds.csv#pda_155_q", "costs.csv#cost_155_west", "costs.csv#corridor_us_lead")},
    {"id": "pda_pac3", "product": "patriot_msl", "country": "US",
     "available": steps(("2025Q1", 20), ("2025Q3", 0)), "total": 40, "cost": 5172, "lead": 1,
     "_source": src("funds.csv#pda_pac3_q", "air_defense.csv#pac3_cost")},
    {"id": "pda_gmlrs", "product": "gmlrs", "country": "US",
     "available": steps(("2025Q1", 500), ("2025Q3", 0)), "total": 1000, "cost": 160, "lead": 1,
     "_source": src("funds.csv#pda_gmlrs_q", "rockets.csv#gmlrs_cost")},
    {"id": "cz_initiative", "product": "shell_155", "country": "CZ",
     "available": steps(("2025Q1", 300000), ("2026Q1", 150000), ("2027Q1", 0)),
     "total": 1500000, "cost": 4.5,
     "_source": src("shells.csv#czech_initiative_q", "shells.csv#czech_initiative_total",
                    "costs.csv#cost_czech_round"),
     "_assumption": "the initiative buys rounds from third-country stocks; half the 2025 rate in 2026, none in 2027"},
]

# ---------------------------------------------------------------- corridors
corridors = [
    {"id": "cor_us", "from": "US", "lead": 1, "capacity": 40000, "cost": 1.0,
     "_source": src("costs.csv#corridor_us_lead", "costs.csv#corridor_us_cap", "costs.csv#corridor_cost_us_t")},
    {"id": "cor_de", "from": "DE", "lead": 0, "capacity": 30000, "cost": 0.3,
     "_source": src("costs.csv#corridor_de_cap", "costs.csv#corridor_cost_t")},
    {"id": "cor_pl", "from": "PL", "lead": 0, "capacity": 60000, "cost": 0.3,
     "_source": src("costs.csv#corridor_pl_cap", "costs.csv#corridor_cost_t")},
]
for c in ["CZ", "FI", "NO", "GB", "FR", "LT"]:
    corridors.append({"id": f"cor_{c.lower()}", "from": c, "lead": 0, "cost": 0.3,
                      "_source": src("costs.csv#corridor_cost_t"),
                      "_assumption": "by rail and road within a quarter; no capacity limit"})

# ---------------------------------------------------------------- licences
licenses = [
    {"id": "itar_comlog_de", "regime": "ITAR", "covers": {"lines": ["de_comlog_gemt"]},
     "status": "granted", "_source": src("licensing.csv#comlog_licence")},
    {"id": "itar_pac3_de", "regime": "ITAR", "covers": {"lines": ["de_mbda_pac3"]},
     "status": "pending", "submitted": "2025Q1", "review": 2, "slots": 1,
     "_source": src("licensing.csv#review_mla_ally_q")},
    {"id": "itar_gbad_ua", "regime": "ITAR",
     "covers": {"countries": ["UA"], "components": ["patriot_seeker"], "lines": ["ua_gbad_jv"]},
     "status": "pending", "submitted": "2025Q1", "review": 3, "slots": 1,
     "_source": src("licensing.csv#review_mla_gbad_q", "licensing.csv#us_ua_soi")},
    {"id": "itar_gmlrs_pl", "regime": "ITAR", "covers": {"lines": ["pl_gmlrs"]},
     "status": "pending", "submitted": "2025Q2", "review": 2, "slots": 1,
     "_source": src("licensing.csv#review_mla_ally_q")},
]
licensing = {"review_slots": 1, "_source": src("licensing.csv#review_slots")}

# ---------------------------------------------------------------- workforce
workforce = [
    {"country": "UA", "available": ramp("2025Q1", 12000, "2027Q4", 16000),
     "_source": src("workforce.csv#ua_workforce_lines", "workforce.csv#ua_dib_workers")},
    {"country": "DE", "available": ramp("2025Q1", 1600, "2027Q4", 2600),
     "_source": src("workforce.csv#de_workforce_lines", "workforce.csv#rheinmetall_hiring")},
    {"country": "US", "available": 3000, "_source": src("workforce.csv#us_workforce_lines")},
]

# ---------------------------------------------------------------- funds
funds = [
    {"id": "usai", "name": "Ukraine Security Assistance Initiative (US)",
     "amount": steps(("2025Q1", 1721250), ("2026Q3", 75000)),
     "eligible": {"countries": ["US"], "payees": ["ca_valleyfield", "in_solar"]},
     "_source": src("funds.csv#usai_q", "funds.csv#usai_fy24", "funds.csv#usai_base", "energetics.csv#army_award_suppliers"),
     "_assumption": "USAI contracts US industry; charges from Canada and explosives from India come through US primes"},
    {"id": "pda_replacement", "name": "PDA: replacement of US stocks drawn down",
     "amount": steps(("2025Q1", 3850000), ("2025Q2", 0)), "carryover": True,
     "eligible": {"payees": ["pda_155", "pda_pac3", "pda_gmlrs"]},
     "_source": src("funds.csv#pda_remaining", "funds.csv#pda_replacement")},
    {"id": "purl", "name": "PURL: allies buying US weapons for Ukraine",
     "amount": steps(("2025Q1", 0), ("2025Q3", 1000000)),
     "eligible": {"countries": ["US"], "payees": ["ca_valleyfield", "in_solar"]},
     "_source": src("funds.csv#purl_q", "funds.csv#purl_total")},
    {"id": "epf", "name": "European Peace Facility (buy European: EU and Norway)",
     "amount": 450000, "carryover": True, "eligible": {"countries": EU_NO},
     "_source": src("funds.csv#epf_q", "funds.csv#epf_uaf"),
     "_assumption": "joint procurement through the EPF is limited to EU and Norwegian manufacturers"},
    {"id": "asap", "name": "ASAP: EU money for ammunition inputs",
     "amount": steps(("2025Q1", 138510), ("2026Q1", 0)), "carryover": True,
     "eligible": {"payees": ["pl_nitrochem", "no_chemring", "fr_eurenco", "de_nitrochemie",
                             "cz_explosia", "lt_baisogala_charges"]},
     "_source": src("funds.csv#asap_q", "energetics.csv#asap_total"),
     "_assumption": "ASAP paid for powder and explosives capacity; here it buys their output"},
    {"id": "european_bilateral", "name": "European bilateral aid (buy European incl. UK)",
     "amount": 1590000, "eligible": {"countries": EUROPE},
     "_source": src("funds.csv#kiel_europe_q", "funds.csv#kiel_europe")},
    {"id": "danish_model", "name": "Danish model: partners paying Ukrainian makers",
     "amount": 364500, "eligible": {"countries": ["UA"]},
     "_source": src("funds.csv#danish_q", "funds.csv#danish_2025", "funds.csv#danish_2024")},
    {"id": "ua_budget", "name": "Ukraine's own arms procurement budget",
     "amount": 1500000, "eligible": {"blocs": ["ukraine"], "payees": ["cn_drone_parts"]},
     "_source": src("funds.csv#ua_budget_q", "funds.csv#ua_budget_arms", "funds.csv#ua_domestic_share"),
     "_assumption": "Ukrainian makers buy Chinese drone parts out of state contracts"},
    {"id": "fmf_dib", "name": "FMF for co-production with US firms in Ukraine",
     "amount": steps(("2025Q1", 250000), ("2027Q1", 0)), "carryover": True,
     "eligible": {"payees": ["ua_gbad_jv"]},
     "_source": src("funds.csv#fmf_dib_q", "funds.csv#fmf_dib"),
     "_assumption": "the programme is reserved for co-production with US partners, here the GBAD joint venture"},
]

# ---------------------------------------------------------------- requirements and stocks
requirements = [
    {"id": "fires_155", "name": "155 mm fires", "demand": 600000, "priority": 1,
     "met_by": {"shell_155": 1.0, "fpv_drone": {"effect": 0.1, "max_share": 0.15}},
     "_source": src("shells.csv#need_155_q", "drones.csv#fpv_effect_155", "drones.csv#fpv_max_share_155",
                    "costs.csv#priority_weights")},
    {"id": "fires_mortar", "name": "Mortar fires", "demand": 600000, "priority": 0.5,
     "met_by": {"mortar_120": 1.0, "fpv_drone": {"effect": 0.3, "max_share": 0.3}},
     "_source": src("shells.csv#need_mortar_q", "drones.csv#fpv_effect_mortar", "drones.csv#fpv_max_share_mortar",
                    "costs.csv#priority_weights")},
    {"id": "rocket_fires", "name": "Guided rocket fires", "demand": 3000, "priority": 20,
     "met_by": {"gmlrs": 1.0}, "_source": src("rockets.csv#gmlrs_need_q", "costs.csv#priority_weights")},
    {"id": "deep_strike", "name": "Deep strike", "demand": 7500, "priority": 10,
     "met_by": {"lr_drone": 1.0}, "_source": src("drones.csv#lr_need_q", "costs.csv#priority_weights")},
    {"id": "tubes", "name": "Howitzers to replace losses and worn tubes", "demand": 150, "priority": 1000,
     "met_by": {"howitzer": 1.0}, "_source": src("rockets.csv#howitzer_need_q", "rockets.csv#barrels_need", "costs.csv#priority_weights")},
    {"id": "ballistic_defense", "name": "Ballistic-missile defence", "demand": 200, "priority": 2000,
     "met_by": {"patriot_msl": 1.0},
     "_source": src("air_defense.csv#ballistic_need_q", "costs.csv#priority_weights")},
    {"id": "cruise_defense", "name": "Cruise-missile defence", "demand": 300, "priority": 500,
     "met_by": {"iris_t_msl": 1.0, "patriot_msl": 1.0},
     "_source": src("costs.csv#priority_weights"),
     "_assumption": "300 cruise-missile engagements a quarter; no public figure in the collected sources"},
    {"id": "counter_uas", "name": "Shahed engagements", "demand": 8100, "priority": 5,
     "met_by": {"interceptor_drone": 0.5, "iris_t_msl": 1.0},
     "_source": src("drones.csv#shahed_q", "drones.csv#interceptor_effect", "costs.csv#priority_weights")},
]
stocks = [
    {"product": "shell_155", "initial": 100000, "reserve": 150000, "reserve_priority": 0.2,
     "terminal": 150000, "terminal_priority": 1,
     "_source": src("shells.csv#terminal_155"),
     "_assumption": "100000 rounds in theatre at the start; a 'just-in-case' reserve of a week's firing at the need rate (150000) weighted below current demand"},
    {"product": "patriot_msl", "initial": 30, "reserve": 40, "reserve_priority": 500,
     "terminal": 40, "terminal_priority": 2000,
     "_source": src("air_defense.csv#terminal_patriot"),
     "_assumption": "30 interceptors in theatre at the start; a reserve of 40 for a mass raid, weighted a quarter of a ballistic engagement"},
    {"product": "fpv_drone", "capacity": 0,
     "_source": src("drones.csv#fpv_theatre_stock")},
]

objective = {"mode": "lexicographic", "discount": 0.01,
             "_assumption": "shortfall first, then cost at 1% a quarter discount"}

# value_for_money: the weighted objective with S priced in money. A unit of S
# is a 155 mm round short (priority 1), so shortfall_weight is what a planner
# pays to avoid one round short, and priority x shortfall_weight is the money
# per unit short of every other requirement. Priorities stay as they are so
# that S remains comparable with the base and the other scenarios.
VALUE_PER_ROUND_SHORT = 8.678

scenarios = {
    "funding_cliff": {
        "description": "USAI stops from 2025Q3: how much more shortfall, and which fund fills in?",
        "set": ["funds.usai.amount@2025Q3..=0"]},
    "europe_cliff": {
        "description": "European bilateral aid stops from 2026Q1: how much more shortfall, and which fund fills in?",
        "set": ["funds.european_bilateral.amount@2026Q1..=0"]},
    "strike_campaign": {
        "description": "A strike campaign cuts Ukrainian plant availability by 30% (0.85 to about 0.6).",
        "set": ["lines[country=UA].availability*=0.7"]},
    "itar_relief": {
        "description": "The ITAR licence for GBAD co-production in Ukraine is granted at once.",
        "set": ["licenses.itar_gbad_ua.status=granted"]},
    "licensing_surge": {
        "description": "The licensing office can review three complex cases at once instead of one.",
        "set": ["licensing.review_slots+=2"]},
    "energetics_shock": {
        "description": "Charge-set supply falls 40% (a plant explosion, a powder shortage).",
        "set": ["suppliers[component=propellant_charge].capacity*=0.6"]},
    "coproduction_push": {
        "description": "The Rheinmetall plant in Ukraine opens two quarters early (2026Q1) and partners double Danish-model money for Ukrainian makers: what does each change buy?",
        "set": ["lines.ua_rheinmetall_jv.start=2026Q1", "funds.danish_model.amount*=2"]},
    "drones_for_shells": {
        "description": "If FPV drones did twice the work of shells assumed (5 instead of 10 per shell), how much of the 155 mm gap would they close?",
        "set": ["requirements.fires_155.met_by.fpv_drone.effect=0.2"]},
    "value_for_money": {
        "description": "Shortfall priced in money (weighted mode, a 155 mm round short worth what partners pay for the dearest rounds): which orders pay for themselves?",
        "set": ["objective.mode=weighted", f"objective.shortfall_weight={VALUE_PER_ROUND_SHORT}",
                "objective.cost_weight=1"],
        "_source": src("costs.csv#value_per_round_short", "costs.csv#priority_weights")},
}

model = {
    "arsenal": 1,
    "name": "Ukraine and partners: defense-industrial baseline 2025-2027",
    "description": "Ukrainian state, private and joint-venture lines and Western plants for shells, rockets, howitzers, drones and interceptors over 12 quarters, with energetics, fuzes and ITAR-controlled seekers, the funds that pay them and the licences that gate them. Figures from public reporting (data/); every object names its rows in _source or says what it assumes.",
    "_units": "quantities per quarter; money in thousand USD (kUSD); explosives and powder in tonnes",
    "periods": PERIODS,
    "theatre": "UA",
    "currency": "kUSD",
    "countries": countries,
    "products": products,
    "components": components,
    "lines": lines,
    "suppliers": suppliers,
    "drawdowns": drawdowns,
    "corridors": corridors,
    "licenses": licenses,
    "licensing": licensing,
    "workforce": workforce,
    "funds": funds,
    "requirements": requirements,
    "stocks": stocks,
    "objective": objective,
    "scenarios": scenarios,
}


def dump(v, ind=0):
    """JSON with scalar arrays and small objects on one line, for reviewable diffs."""
    pad = "  " * ind
    if isinstance(v, dict):
        flatv = all(not isinstance(x, (dict, list)) for x in v.values()) and len(json.dumps(v)) < 90
        if flatv or not v:
            return json.dumps(v, ensure_ascii=False)
        items = [f'{pad}  {json.dumps(k)}: {dump(x, ind + 1)}' for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(v, list):
        if all(not isinstance(x, (dict, list)) for x in v):
            return json.dumps(v, ensure_ascii=False)
        items = [pad + "  " + dump(x, ind + 1) for x in v]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(v, ensure_ascii=False)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join("models", "baseline.json")
    text = dump(model) + "\n"
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, out)
