# Brian2's examples/CUBA.py in C++ standalone mode; prints the simulation-loop time and the rate.
import sys, time
sys.dont_write_bytecode = True
from brian2 import *
from brian_cpu import time_network_run
duration = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
directory = sys.argv[2] if len(sys.argv) > 2 else '/tmp/brian_cuba'
set_device('cpp_standalone', directory=directory, build_on_run=False)
time_network_run()
prefs.devices.cpp_standalone.openmp_threads = 0
taum = 20*ms; taue = 5*ms; taui = 10*ms; Vt = -50*mV; Vr = -60*mV; El = -49*mV
eqs = '''dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt'''
seed(12345)
P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms, method='exact')
P.v = 'Vr + rand() * (Vt - Vr)'
P.ge = 0*mV; P.gi = 0*mV
we = (60*0.27/10)*mV; wi = (-20*4.5/10)*mV
Ce = Synapses(P, P, on_pre='ge += we'); Ci = Synapses(P, P, on_pre='gi += wi')
Ce.connect('i<3200', p=0.02); Ci.connect('i>=3200', p=0.02)
s_mon = SpikeMonitor(P)
run(duration * second)
t0 = time.time()
device.build(directory=directory, run=True, compile=True)
total = time.time() - t0
print(f'{{"peer":"brian2-cpp-standalone","bench":"cuba","duration_s":{duration},"run_s":{device._last_run_time:.4f},"rate_hz":{s_mon.num_spikes/4000/duration:.3f},"build_and_run_s":{total:.2f}}}')
