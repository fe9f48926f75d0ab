package org.evshard.pipelines.runner;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.SerializableUtils;

/**
 * A list of coarse tasks (planned on the driver) as a bounded source with one split per task, whose reader does the
 * work of each task and emits its result. Runners hand splits to workers as they become free (Flink's input split
 * assigner, Spark's task scheduler, the DirectRunner's bundle queue), so a handful of tasks spreads evenly over the
 * workers and a fast worker takes more of them. The usual alternative, {@code Create} of the tasks followed by
 * {@code Reshuffle.viaRandomKey()} and a {@code ParDo}, places each task by the hash of a random key: with 8 tasks on 2
 * workers one worker often gets 5 or 6 of them (on Flink's batch translation it got all 8 in one of six runs), and on
 * Flink the {@code ParDo} after a source is not chained to it, so the source's look-ahead would defeat on-demand
 * assignment there too. Doing the work inside the reader keeps it on the worker that asked for the split.
 *
 * <p>A runner may read a split again after a failure, so a task's work must be repeatable (write to a temporary file,
 * then rename to a fixed name). The work object is serialized with the source; {@link Work#close} runs when the
 * reader closes.
 *
 * @param <T> a task
 * @param <O> the result of one task
 */
public final class TaskSource<T extends Serializable, O> extends BoundedSource<O> {

  /** The work of one task; each reader works on its own copy (readers may run in threads of one JVM), closed with it. */
  public interface Work<T, O> extends Serializable {
    O run(T task) throws IOException;

    default void close() throws IOException {}
  }

  // Each task is kept serialized: runners serialize a source many times (pipeline translation, the SDF wrapper of
  // Read, each split), and a byte array costs a copy where a graph of 100,000 sample references costs a walk over
  // a million objects each time. A task is deserialized once, by the reader that does it.
  private final List<byte[]> tasks;
  private final Work<T, O> work;
  private final Coder<O> outputCoder;

  public TaskSource(List<T> tasks, Work<T, O> work, Coder<O> outputCoder) {
    this(tasks.stream().map(TaskSource::pack).toArray(byte[][]::new), work, outputCoder);
  }

  private TaskSource(byte[][] packed, Work<T, O> work, Coder<O> outputCoder) {
    this.tasks = List.of(packed);
    this.work = work;
    this.outputCoder = outputCoder;
  }

  /** The tasks, deserialized. */
  public List<T> tasks() {
    return tasks.stream().map(TaskSource::<T>unpack).toList();
  }

  private static byte[] pack(Serializable task) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(task);
    } catch (IOException e) {
      throw new IllegalArgumentException("task " + task + " does not serialize", e);
    }
    return bytes.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static <T> T unpack(byte[] packed) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(packed)) {
      @Override
      protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        // the job's classes, also where the runner loads them through its own class loader (Flink, Spark)
        try {
          return Class.forName(desc.getName(), false, TaskSource.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          return super.resolveClass(desc); // primitive types
        }
      }
    }) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("a serialized task does not deserialize", e);
    }
  }

  /** One source per task, whatever size the runner asks for: a task is the unit of work. */
  @Override
  public List<TaskSource<T, O>> split(long desiredBundleSizeBytes, PipelineOptions options) {
    if (tasks.size() <= 1) {
      return List.of(this);
    }
    List<TaskSource<T, O>> out = new ArrayList<>(tasks.size());
    for (byte[] task : tasks) {
      out.add(new TaskSource<>(new byte[][] {task}, work, outputCoder));
    }
    return out;
  }

  /** A nominal size (the task count): runners use it only to decide how finely to split, which is fixed here. */
  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) {
    return Math.max(1, tasks.size());
  }

  @Override
  public Coder<O> getOutputCoder() {
    return outputCoder;
  }

  @Override
  public BoundedReader<O> createReader(PipelineOptions options) {
    return new Reader<>(this, SerializableUtils.clone(work));
  }

  private static final class Reader<T extends Serializable, O> extends BoundedReader<O> {
    private final TaskSource<T, O> source;
    private final Work<T, O> work;
    private int next;
    private O current;
    private boolean has;

    Reader(TaskSource<T, O> source, Work<T, O> work) {
      this.source = source;
      this.work = work;
    }

    @Override
    public boolean start() throws IOException {
      return advance();
    }

    @Override
    public boolean advance() throws IOException {
      if (next >= source.tasks.size()) {
        has = false;
        current = null;
        return false;
      }
      current = work.run(TaskSource.<T>unpack(source.tasks.get(next++)));
      has = true;
      return true;
    }

    @Override
    public O getCurrent() {
      if (!has) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public void close() throws IOException {
      work.close();
    }

    @Override
    public TaskSource<T, O> getCurrentSource() {
      return source;
    }
  }
}
