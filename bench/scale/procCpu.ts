/**
 * CPU time of processes from /proc (Linux): what each process ran (utime + stime
 * of /proc/<pid>/stat, all its threads, in clock ticks), how long its threads
 * waited for a CPU while runnable (the second field of each thread's
 * /proc/<pid>/task/<tid>/schedstat, in ns), and the machine's busy and idle time
 * from /proc/stat. Run-queue waiting is what tells "the CPUs are full" apart from
 * "everyone is waiting on something else": on 2 cores, processes that together
 * wait seconds per second for a CPU are CPU-bound. How often threads are put on a
 * CPU counts wake-ups: every round trip puts a sleeping client and backend back on one.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface ProcessCpu {
  /** Seconds on a CPU (user + system). */
  readonly cpu: number;
  /** Of which in the kernel (system calls: here mostly socket reads and writes). */
  readonly system: number;
  /** Seconds its threads were runnable but waiting for a CPU. */
  readonly runQueue: number;
  /** Times its threads were put on a CPU (schedstat's third field): each wake-up of a sleeping thread is one. */
  readonly slices: number;
}

/** undefined when the process is gone. */
export const processCpu = (pid: number): ProcessCpu | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const system = Number(fields[12]) / ticksPerSecond;
    const cpu = Number(fields[11]) / ticksPerSecond + system;
    let runQueue = 0;
    let slices = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const [, waited, timesRun] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
        runQueue += Number(waited) / 1e9;
        slices += Number(timesRun);
      } catch {
        // A thread that ended between the listing and the read.
      }
    }
    return { cpu, system, runQueue, slices };
  } catch {
    return undefined;
  }
};

/** The PostgreSQL server's processes: every process named postgres. */
export const postgresPids = (): number[] =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });

export interface MachineCpu {
  /** Run by this machine's processes and kernel (user, nice, system, irq, softirq). */
  readonly busy: number;
  readonly idle: number;
  /** Idle with a disk request outstanding (an fsync waiting). */
  readonly iowait: number;
  /** Taken by the hypervisor for other guests: this virtual machine wanted the CPU and did not get it. */
  readonly steal: number;
}

/** Seconds of all CPUs together since boot, from the first line of /proc/stat. */
export const machineCpu = (): MachineCpu => {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
  return {
    busy: (user! + nice! + system! + irq! + softirq!) / ticksPerSecond,
    idle: idle! / ticksPerSecond,
    iowait: iowait! / ticksPerSecond,
    steal: steal! / ticksPerSecond,
  };
};
