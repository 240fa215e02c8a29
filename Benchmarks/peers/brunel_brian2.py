# Brunel 2000 model A with delta synapses as NEST's brunel_delta_nest.py, in Brian2 C++ standalone:
# fixed in-degree (multapses allowed), delay 1.5 ms, Poisson drive per neuron at 20 kHz x J.
import sys, time
sys.dont_write_bytecode = True
import numpy as np
from brian2 import *
from brian_cpu import time_network_run
duration = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
directory = sys.argv[2] if len(sys.argv) > 2 else '/tmp/brian_brunel'
set_device('cpp_standalone', directory=directory, build_on_run=False)
time_network_run()
NE = 10000; NI = 2500; N = NE + NI; CE = 1000; CI = 250; J = 0.1*mV; g = 5.0
tau = 20*ms; theta = 20*mV; Vr = 0*mV; tref = 2*ms; D = 1.5*ms
rng = np.random.default_rng(12345)
P = NeuronGroup(N, 'dv/dt = -v/tau : volt (unless refractory)', threshold='v>=theta', reset='v=Vr', refractory=tref, method='exact')
P.v = 0*mV
E = Synapses(P, P, on_pre='v += J * int(not_refractory_post)', delay=D)
E.connect(i=rng.integers(0, NE, size=N*CE), j=np.repeat(np.arange(N), CE))
I = Synapses(P, P, on_pre='v += -g * J * int(not_refractory_post)', delay=D)
I.connect(i=rng.integers(NE, N, size=N*CI), j=np.repeat(np.arange(N), CI))
drive = PoissonInput(P, 'v', N=CE, rate=20*Hz, weight='J * int(not_refractory)')
s_mon = SpikeMonitor(P)
run(duration * second)
t0 = time.time()
device.build(directory=directory, run=True, compile=True)
total = time.time() - t0
print(f'{{"peer":"brian2-cpp-standalone","bench":"brunel","duration_s":{duration},"run_s":{device._last_run_time:.3f},"rate_hz":{s_mon.num_spikes/N/duration:.3f},"build_and_run_s":{total:.1f}}}')
