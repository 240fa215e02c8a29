# Shared by the peer scripts: makes Brian2's C++ standalone binary print the CPU seconds of its
# simulation loop (CLOCK_PROCESS_CPUTIME_ID around the network run), so that its figure can be set
# beside EventSpike's run_cpu_s on a loaded machine, where wall times mean little.
from brian2 import device, prefs


def time_network_run():
    prefs.codegen.cpp.headers += ['<time.h>']
    device.insert_code('before_network_run',
                       'struct timespec peer_cpu0; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &peer_cpu0);')
    device.insert_code('after_network_run',
                       'struct timespec peer_cpu1; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &peer_cpu1); '
                       'printf("run_cpu_s %.6f\\n", (peer_cpu1.tv_sec - peer_cpu0.tv_sec) + 1e-9 * (peer_cpu1.tv_nsec - peer_cpu0.tv_nsec));')
