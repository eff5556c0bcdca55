/** The Python that runs moto: `PYTHON`, else `python3`. */
export const motoPython = process.env.PYTHON ?? 'python3';
