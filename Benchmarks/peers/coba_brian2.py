# Brette et al. 2007 benchmark 1 (COBA) in Brian2 C++ standalone, the network of `eventspike bench coba`:
# 3,200 E + 800 I, p = 0.02, conductances in units of the leak, exponential Euler, dt 0.1 ms, one thread.
# Prints one JSON line: run_s (the standalone device's own timing of the simulation loop, wall),
# run_cpu_s (CPU seconds of that loop), rate. The built binary stays in the directory (argv[2]) so
# compare.sh can run it again without compiling.
import sys, time
sys.dont_write_bytecode = True
from brian2 import *
from brian_cpu import time_network_run
duration = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
directory = sys.argv[2] if len(sys.argv) > 2 else '/tmp/brian_coba'
set_device('cpp_standalone', directory=directory, build_on_run=False)
prefs.devices.cpp_standalone.openmp_threads = 0
defaultclock.dt = 0.1*ms
time_network_run()
taum = 20*ms; taue = 5*ms; taui = 10*ms; Vt = -50*mV; Vr = -60*mV; El = -60*mV; Ee = 0*mV; Ei = -80*mV
eqs = '''dv/dt  = (ge*(Ee-v) + gi*(Ei-v) - (v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : 1
dgi/dt = -gi/taui : 1'''
seed(12345)
P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms, method='exponential_euler')
P.v = '-65*mV + 5*mV*randn()'
P.ge = '4 + 1.5*randn()'; P.gi = '20 + 12*randn()'
Ce = Synapses(P, P, on_pre='ge += 0.6'); Ci = Synapses(P, P, on_pre='gi += 6.7')
Ce.connect('i<3200', p=0.02); Ci.connect('i>=3200', p=0.02)
s_mon = SpikeMonitor(P)
run(duration * second)
t0 = time.time()
device.build(directory=directory, run=True, compile=True)
total = time.time() - t0
print(f'{{"peer":"brian2-cpp-standalone","bench":"coba","duration_s":{duration},"run_s":{device._last_run_time:.4f},"rate_hz":{s_mon.num_spikes/4000/duration:.3f},"build_and_run_s":{total:.2f}}}')
