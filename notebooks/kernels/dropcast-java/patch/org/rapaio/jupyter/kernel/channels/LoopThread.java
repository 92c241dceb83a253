package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * rapaio-jupyter-kernel 3.0.1's message loop, with its two startup races closed; compiled by notebooks/prepare and
 * put ahead of the kernel jar on the kernel's classpath (notebooks/kernels/dropcast-java/launch), so this class
 * replaces the jar's own. Same constructor and methods as the jar's.
 *
 * <ul>
 *   <li>The jar's {@code start()} starts the thread before it sets {@code running}: a thread that runs first sees
 *       it unset and ends at once, silently, and the kernel never answers on that channel. Here {@code running} is
 *       set first.
 *   <li>The kernel starts its loops before it fills its handlers map: a request that comes in between (Jupyter
 *       sends kernel_info as soon as the sockets are there) throws a NullPointerException in
 *       {@code Channels.getHandler}, which killed the jar's loop. Here a failed iteration is logged and the loop goes
 *       on; the request is lost, and the client sends kernel_info again a second later.
 * </ul>
 * Together they left one kernel start in ten deaf (bench/kernel-starts), which made nbconvert wait out its timeout.
 */
public final class LoopThread extends Thread {
  private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());

  private volatile boolean running = false;
  private final long sleep;
  private final Runnable loopBody;

  public LoopThread(String name, long sleep, Runnable loopBody) {
    super(name);
    this.sleep = sleep;
    this.loopBody = loopBody;
  }

  @Override
  public void run() {
    while (running) {
      try {
        loopBody.run();
      } catch (RuntimeException e) {
        LOGGER.log(Level.WARNING, getName() + ": a message loop iteration failed; the loop goes on", e);
      }
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        LOGGER.info(getName() + ": loop interrupted, stopping");
        running = false;
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    super.start();
  }

  public void shutdown() {
    running = false;
  }
}
