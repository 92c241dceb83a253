import java.util.Arrays;
import java.util.List;

/**
 * Starts rapaio-jupyter-kernel's {@code MainApp}, and turns a kernel that lost one of its two startup races into an
 * exit that the launch script answers by starting the kernel again, instead of a kernel that lives on and never
 * answers (nbclient then waits out its startup timeout).
 *
 * <p>The kernel (3.0.1) has three message loops (heartbeat, shell, control), each a {@code LoopThread} started when
 * its socket is bound. Two races at that moment leave it deaf; on a 2-core machine kept busy they hit 3 to 4 starts
 * in 30:
 * <ul>
 *   <li>{@code LoopThread.start()} starts the thread before it sets {@code running}: a thread that runs first sees
 *       {@code running == false} and ends at once, silently. The watchdog counts the loops once the kernel has
 *       connected every channel (its main thread waits in {@code Channels.joinUntilClose}).
 *   <li>The handlers map is filled only after every loop is started: a request that comes in between (Jupyter sends
 *       kernel_info as soon as the sockets are there) makes the shell loop throw a NullPointerException from
 *       {@code Channels.getHandler}, and its thread dies. The default uncaught-exception handler sees it.
 * </ul>
 * Either way the launcher exits with {@link #STARTUP_RACE}; the launch script then starts a kernel on the same
 * connection file, and the client, which resends kernel_info every second, finds it. Any other death of a kernel loop
 * exits with {@link #LOOP_DIED}, which Jupyter reports as a dead kernel. Threads that are not the kernel's loops
 * (Spark's, a notebook's own) keep Java's default handling.
 */
public final class KernelLauncher {
  /** The exit status when the kernel lost a startup race: nothing ran yet, so it is safe to start it again. */
  static final int STARTUP_RACE = 75;
  /** The exit status when a kernel loop died of anything else: the session is lost. */
  static final int LOOP_DIED = 70;
  /** The kernel's message loops in 3.0.1: heartbeat, shell and control. */
  static final int LOOPS = 3;
  private static final String CHANNELS = "org.rapaio.jupyter.kernel.channels.Channels";
  /** Set once the watchdog has found every loop running after the kernel connected. */
  private static volatile boolean loopsRunning;

  private KernelLauncher() {}

  public static void main(String[] args) throws Exception {
    Thread.UncaughtExceptionHandler java = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
      if (!(thread instanceof org.rapaio.jupyter.kernel.channels.LoopThread)) {
        if (java != null) {
          java.uncaughtException(thread, failure);
        } else {
          // What ThreadGroup.uncaughtException prints without a default handler (calling it would call this one).
          System.err.print("Exception in thread \"" + thread.getName() + "\" ");
          failure.printStackTrace(System.err);
        }
        return;
      }
      boolean race = isStartupRace(failure);
      System.err.println("dropcast kernel: the kernel's loop " + thread.getName() + " died of " + failure
          + (race ? "; a request arrived before the kernel had its handlers (a startup race), exiting to be started again"
              : "; the kernel cannot answer any more and exits"));
      failure.printStackTrace();
      System.err.flush();
      Runtime.getRuntime().halt(race ? STARTUP_RACE : LOOP_DIED);
    });
    watchTheLoopsStart(Thread.currentThread());
    org.rapaio.jupyter.kernel.MainApp.main(args);
    if (!loopsRunning) {
      // The kernel's main thread returns when its loops have ended; before the watchdog's count, all of them ended
      // as they started. A kernel asked to shut down returns only after it has answered requests.
      System.err.println("dropcast kernel: every message loop of the kernel ended as it started (a startup race),"
          + " exiting to be started again");
      System.err.flush();
      Runtime.getRuntime().halt(STARTUP_RACE);
    }
  }

  /** Once the kernel has connected, every loop it started must still run; one that does not lost the start race. */
  private static void watchTheLoopsStart(Thread main) {
    Thread watchdog = new Thread(() -> {
      try {
        while (Arrays.stream(main.getStackTrace()).noneMatch(frame ->
            frame.getClassName().equals(CHANNELS) && frame.getMethodName().equals("joinUntilClose"))) {
          if (!main.isAlive()) {
            return;
          }
          Thread.sleep(50);
        }
        // A loop that read running == false ends within microseconds; a second is ample even on a loaded machine.
        Thread.sleep(1000);
        List<String> running = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t instanceof org.rapaio.jupyter.kernel.channels.LoopThread && t.isAlive())
            .map(Thread::getName).sorted().toList();
        if (running.size() < LOOPS) {
          System.err.println("dropcast kernel: " + running.size() + " of the kernel's " + LOOPS
              + " message loops run after it connected (" + running + "): one ended as it started (a startup race),"
              + " exiting to be started again");
          System.err.flush();
          Runtime.getRuntime().halt(STARTUP_RACE);
        }
        loopsRunning = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "dropcast-kernel-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** The failure the kernel's startup order causes: a null handler map, read in {@code Channels.getHandler}. */
  static boolean isStartupRace(Throwable failure) {
    return failure instanceof NullPointerException && Arrays.stream(failure.getStackTrace()).limit(2).anyMatch(frame ->
        frame.getClassName().equals("org.rapaio.jupyter.kernel.channels.Channels")
            && frame.getMethodName().equals("getHandler"));
  }
}
