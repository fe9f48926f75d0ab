package org.evshard.transforms.spike;

/**
 * Settings of {@link SaccadeSimulator}. Defaults follow the N-MNIST recording set-up: three saccades of about 100 ms
 * each along a triangle, an ATIS-like contrast threshold and refractory period, no background noise.
 *
 * @param saccades number of saccades (edges of the triangle walked in turn)
 * @param saccadeMicros duration of one saccade
 * @param amplitude how far (pixels) the image moves during one saccade
 * @param stepMicros simulation time step
 * @param onThreshold log-intensity increase that fires an ON event
 * @param offThreshold log-intensity decrease that fires an OFF event
 * @param refractoryMicros per-pixel dead time after an event
 * @param noiseRate background events per pixel per second (uniform in space, random polarity)
 * @param seed seed of the time jitter and the noise
 */
public record SaccadeParams(int saccades, long saccadeMicros, double amplitude, long stepMicros, double onThreshold,
    double offThreshold, long refractoryMicros, double noiseRate, long seed) {

  public SaccadeParams {
    if (saccades <= 0 || saccadeMicros <= 0 || stepMicros <= 0 || stepMicros > saccadeMicros) {
      throw new IllegalArgumentException("saccades, saccadeMicros and stepMicros must be positive, stepMicros <= "
          + "saccadeMicros; got " + saccades + ", " + saccadeMicros + ", " + stepMicros);
    }
    if (!(onThreshold > 0) || !(offThreshold > 0)) {
      throw new IllegalArgumentException("thresholds must be positive, got " + onThreshold + ", " + offThreshold);
    }
    if (refractoryMicros < 0) {
      throw new IllegalArgumentException("refractory period must not be negative, got " + refractoryMicros + " us");
    }
    if (!(noiseRate >= 0) || Double.isInfinite(noiseRate)) { // NaN fails the first test
      throw new IllegalArgumentException("noise rate must be a finite number >= 0 (background events per pixel per "
          + "second), got " + noiseRate);
    }
    if (!(amplitude >= 0) || Double.isInfinite(amplitude)) {
      throw new IllegalArgumentException("saccade amplitude must be a finite number >= 0 (pixels), got " + amplitude);
    }
  }

  public static SaccadeParams nmnistLike(long seed) {
    return new SaccadeParams(3, 100_000, 3.0, 1_000, 0.25, 0.25, 1_000, 0.0, seed);
  }

  public SaccadeParams withSeed(long s) {
    return new SaccadeParams(saccades, saccadeMicros, amplitude, stepMicros, onThreshold, offThreshold,
        refractoryMicros, noiseRate, s);
  }

  public SaccadeParams withNoiseRate(double rate) {
    return new SaccadeParams(saccades, saccadeMicros, amplitude, stepMicros, onThreshold, offThreshold,
        refractoryMicros, rate, seed);
  }
}
