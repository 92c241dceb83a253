/** Forecasting and planning algorithms. No job I/O: everything here takes and returns data. */
package io.dropcast.models;
