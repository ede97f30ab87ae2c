#!/usr/bin/env python3
"""Reference for bench/sim.bench.ts: the model's core daily step (hazards and state transitions)
written in vectorised NumPy, the way a Python modeller would (masks, bincount per unit, one
rng.random per soldier per day). It is a speed reference only, not a second implementation of
every mechanism. Prints one JSON line: agents, days, wall and CPU seconds, soldier-days per second."""
import json
import sys
import time

import numpy as np

FRONT, HOSPITAL, ON_LEAVE, AWOL, DETAINED, POOL = 0, 1, 2, 3, 4, 5


def run(agents: int, days: int, seed: int = 1) -> dict:
    rng = np.random.default_rng(seed)
    unit_size = 100
    n_units = (agents + unit_size - 1) // unit_size
    unit = np.arange(agents) // unit_size
    state = np.full(agents, FRONT, dtype=np.int8)
    state[int(agents * 0.63):] = POOL
    timer = np.zeros(agents, dtype=np.int32)
    joined = np.full(agents, -365, dtype=np.int32)
    last_discharge = np.full(agents, -10**6, dtype=np.int32)
    category = rng.integers(0, 5, agents).astype(np.int8)
    disc = rng.random(agents) < 0.15
    family = rng.random(agents)
    cat_factor = np.array([0.8, 1.0, 1.2, 1.5, 1.0]) * np.exp(-0.6 * np.array([0.7, 1.0, 0.8, 0.3, 0.3]))
    cohesion = np.full(n_units, 0.5)
    morale = np.full(n_units, 0.7)
    leave_ewma = np.zeros(n_units)
    cas_ewma = np.zeros(n_units)
    w = 1 - 0.5 ** (1 / 30)
    t0 = time.perf_counter()
    c0 = time.process_time()
    for d in range(days):
        front = state == FRONT
        # per-unit and per-sector factors (from yesterday's aggregates)
        sec = np.bincount(np.arange(n_units) // 30, weights=leave_ewma) / np.bincount(np.arange(n_units) // 30)
        eta_u = (0.7 * min(d / 365, 2) - 1.2 * cohesion * morale + 1.0 * cohesion * (1 - morale) + 0.8 * (1 - cohesion)
                 + 0.1 * np.minimum(10, leave_ewma * 3000) + 0.05 * np.minimum(10, sec[np.arange(n_units) // 30] * 3000)
                 + 0.15 * np.minimum(20, cas_ewma * 3000))
        # per-soldier hazard
        eta = (eta_u[unit] + 0.4 * 1.5 * disc + 0.8 * family * 0.47 - 0.8 * 0.5
               + 1.0 * np.exp(-(d - joined) / 30) + np.where(d - last_discharge < 14, 1.6, 0.0))
        h = 0.0001 * cat_factor[category] * np.exp(eta)
        p_leave = 1 - np.exp(-h)
        x = rng.random(agents)
        killed = front & (x < 0.00035)
        wounded = front & (x >= 0.00035) & (x < 0.00125)
        leaving = front & (x >= 1 - p_leave)
        state[killed] = POOL
        state[wounded] = HOSPITAL
        timer[wounded] = d + rng.gamma(2.0, 15.0, int(wounded.sum())).astype(np.int32)
        state[leaving] = AWOL
        # hospital discharge
        disch = (state == HOSPITAL) & (timer <= d)
        state[disch] = FRONT
        last_discharge[disch] = d
        # AWOL: caught, returns, goes abroad
        awol = state == AWOL
        y = rng.random(agents)
        caught = awol & (y < 0.006)
        back = awol & (y >= 0.006) & (y < 0.026)
        abroad = awol & (y >= 0.026) & (y < 0.027)
        state[caught] = DETAINED
        timer[caught] = d + 10
        state[back] = FRONT
        state[abroad] = POOL
        released = (state == DETAINED) & (timer <= d)
        state[released] = FRONT
        # refill vacancies (contract recruitment)
        pool = np.flatnonzero(state == POOL)
        k = int(len(pool) * 0.01)
        if k:
            new = pool[:k]
            state[new] = FRONT
            joined[new] = d
            last_discharge[new] = -10**6
        # unit aggregates
        present = np.maximum(1, np.bincount(unit[front], minlength=n_units))
        left = np.bincount(unit[leaving], minlength=n_units)
        losses = np.bincount(unit[killed | wounded], minlength=n_units)
        leave_share = left / present
        cas_share = losses / present
        leave_ewma += w * (leave_share - leave_ewma)
        cas_ewma += w * (cas_share - cas_ewma)
        cohesion = np.clip(cohesion + (1 - cohesion) / 90, 0, 1)
        morale = np.clip(morale + (0.7 - morale) / 60 - 0.5 * cas_share - 1.0 * leave_share - 0.0003 * min(d / 365, 2), 0, 1)
    secs = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return {"agents": agents, "days": days, "seconds": secs, "cpuSeconds": cpu,
            "soldierDaysPerSecond": agents * days / secs, "soldierDaysPerCpuSecond": agents * days / cpu}


if __name__ == "__main__":
    agents = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
    days = int(sys.argv[2]) if len(sys.argv) > 2 else 1407
    print(json.dumps(run(agents, days)))
